// Generated from specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Calls Zomro cloud VPS (BILLmanager API) with a documented example. Set `ZOMRO_BASE_URL` to aim elsewhere than the documented example host, and `ZOMRO_TOKEN` for the credential.
use generated::zomro as api;
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = api::Client::builder();
    if let Ok(url) = std::env::var("ZOMRO_BASE_URL") {
        builder = builder.base_url(url);
    }
    let credential = std::env::var("ZOMRO_TOKEN")
        .unwrap_or_else(|_| "example-credential".to_owned());
    builder = builder.session(credential.as_str());
    let client = builder.timeout(std::time::Duration::from_secs(10)).build()?;
    println!("Calling `list_backup_schedules` with the documented example `curl_list`.");
    match client.list_backup_schedules().elid(5203773).send().await {
        Ok(response) => {
            let status = response.status();
            let payload = response.into_inner();
            println!("HTTP {status}: {payload:#?}");
        }
        Err(api::Error::Documented { status, error }) => {
            println!("documented failure (HTTP {status}): {error:?}")
        }
        Err(e) if e.is_retryable() => eprintln!("failed, worth retrying: {e}"),
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
