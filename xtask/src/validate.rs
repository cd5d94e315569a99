use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Spec files or directories (default: specs/).
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let paths = if args.paths.is_empty() { vec![PathBuf::from("specs")] } else { args.paths };
    match codegen::validate::load_and_validate(&paths, None) {
        Ok(v) => {
            for f in v.files() {
                for op in &f.spec.operations {
                    println!("{} {} {} {}", f.spec.provider.id, op.id, op.method.as_str(), op.path);
                }
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{d}");
            ExitCode::FAILURE
        }
    }
}
