// Generated from specs/oms.yaml by `cargo xtask codegen`; do not edit.
//! Calls OMS web service (backup applications) with a documented example. Set `OMS_BASE_URL` to aim elsewhere than the documented example host, and `OMS_TOKEN` for the credential.
use generated::oms as api;
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = api::Client::builder();
    builder = builder.oms_address("omsaddress");
    if let Ok(url) = std::env::var("OMS_BASE_URL") {
        builder = builder.base_url(url);
    }
    let credential = std::env::var("OMS_TOKEN")
        .unwrap_or_else(|_| "example-credential".to_owned());
    builder = builder.access_token(credential.as_str());
    let client = builder.timeout(std::time::Duration::from_secs(10)).build()?;
    println!(
        "Calling `apply_block_timer` with the documented example `documented_address`."
    );
    match client
        .apply_block_timer()
        .set_id(126)
        .app_id(2)
        .svr_ids(
            api::ApplyBlockTimerSvrIds::Servers(Vec::from([String::from("126.2.2.3")])),
        )
        .send()
        .await
    {
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
