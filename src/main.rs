use clap::Parser;

fn main() {
    let cli = rtcm_report::cli::Cli::parse();
    if let Err(message) = rtcm_report::run(cli) {
        if !message.is_empty() {
            eprintln!("{message}");
        }
        std::process::exit(1);
    }
}
