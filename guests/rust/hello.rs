// hello: a Rust std program, unmodified, on the WASI personality: arguments, the environment, a
// file read with std::fs, output with println!, and an exit code.
// Build and run: wasmos build guests/rust/hello.rs -o hello.wasm && wasmos run hello.wasm /etc/motd
use std::{env, fs, process};

fn main() {
    let args: Vec<String> = env::args().collect();
    println!("hello from Rust, {} argument(s)", args.len() - 1);
    for path in &args[1..] {
        match fs::read_to_string(path) {
            Ok(text) => print!("{}: {} bytes\n{}", path, text.len(), text),
            Err(e) => {
                eprintln!("hello: {}: {}", path, e);
                process::exit(1);
            }
        }
    }
}
