// Generated from specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Calls Zomro cloud VPS (BILLmanager API) with a documented example. Set `ZOMRO_BASE_URL` to aim elsewhere than the documented example host, and `ZOMRO_TOKEN` for the credential.
use generated::zomro;
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = zomro::Client::builder();
    if let Ok(url) = std::env::var("ZOMRO_BASE_URL") {
        builder = builder.base_url(url);
    }
    if let Ok(token) = std::env::var("ZOMRO_TOKEN") {
        builder = builder.session(token);
    }
    let client = builder.build()?;
    println!("Calling `list_backup_schedules` with the documented example `curl_list`.");
    let request: zomro::ListBackupSchedulesRequest = serde_json::from_str(
        "{\"elid\":5203773}",
    )?;
    match client.list_backup_schedules(&request).await {
        Ok(response) => println!("HTTP {}: {:#?}", response.status, * response),
        Err(e) => eprintln!("failed: {e} (retryable: {})", e.is_retryable()),
    }
    Ok(())
}
