//! A format is named on a page in any letter case (`hh:mm`, `YYYY-MM-DD`): the checker holds
//! a cited line that names it so, and still fails a cited line that does not name it at all.
//! The spec is the validator corpus's minimal one with one formatted field added; its page
//! is written here.

use std::path::{Path, PathBuf};

use spec::load::SpecFile;
use spec::model::Model;

fn tiny() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/_valid/tiny.yaml"),
    )
    .expect("the base spec is readable")
}

/// The checker's messages about the `format` constraint of a field citing line 2 of a page
/// whose line 2 is `line`.
fn format_findings(format: &str, line: &str) -> Vec<String> {
    let field = format!(
        "      - {{ name: at, description: When., schema: {{ type: string, format: \"{format}\", cite: \"2\" }} }}\n"
    );
    let base = tiny();
    let anchor = "  ItemKind:\n";
    let at = base.find(anchor).expect("the base spec has ItemKind");
    let text = format!("{}{field}{}", &base[..at], &base[at..]);
    let file = SpecFile::parse("tiny.yaml", text).unwrap_or_else(|d| panic!("{d}"));
    let validated = spec::validate::validate(vec![file], None).unwrap_or_else(|d| panic!("{d}"));
    let model = Model::build(&validated).expect("model");
    let dir = std::env::temp_dir().join(format!(
        "spec-cite-format-{}-{}",
        std::process::id(),
        format.replace(':', "_")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("page.txt"), format!("Tiny page.\n{line}\n")).unwrap();
    let (found, _) = spec::cite::check::check(&validated, &model, &PathBuf::from(&dir), &|_| false);
    std::fs::remove_dir_all(&dir).ok();
    let label = format!("`format: {format}`");
    found
        .0
        .iter()
        .map(ToString::to_string)
        .filter(|d| d.contains(&label))
        .collect()
}

#[test]
fn a_format_named_in_another_letter_case_holds() {
    for (format, named, silent) in [
        ("HH:MM", "Start time, in hh:mm.", "Start time, in hours."),
        ("date", "The day, as YYYY-MM-DD.", "The day of the backup."),
        (
            "yyyyMMddHHmmss",
            "Time as YYYYMMDDHHMMSS.",
            "Time of the backup.",
        ),
    ] {
        let held = format_findings(format, named);
        assert!(held.is_empty(), "{format} on `{named}`:\n{held:?}");
        let failed = format_findings(format, silent);
        assert_eq!(failed.len(), 1, "{format} on `{silent}`:\n{failed:?}");
    }
}
