// struct utsname for uname(), as Linux's linux/utsname.h defines it: six NUL-terminated
// 65-byte fields.
//
// Interface: UTS_* field offsets, UTSNAME_SIZE.
//
//   0 sysname  65 nodename  130 release  195 version  260 machine  325 domainname  390 end

export const UTS_LEN: usize = 65;
export const UTS_SYSNAME: usize = 0;
export const UTS_NODENAME: usize = 65;
export const UTS_RELEASE: usize = 130;
export const UTS_VERSION: usize = 195;
export const UTS_MACHINE: usize = 260;
export const UTS_DOMAINNAME: usize = 325;
export const UTSNAME_SIZE: usize = 390;
