// Generated from specs/oms.yaml by `cargo xtask codegen`; do not edit.
//! Calls OMS web service (backup applications) with a documented example. Set `OMS_BASE_URL` to aim elsewhere than the documented example host, and `OMS_TOKEN` for the credential.
use generated::oms;
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = oms::Client::builder();
    builder = builder.oms_address("omsaddress");
    if let Ok(url) = std::env::var("OMS_BASE_URL") {
        builder = builder.base_url(url);
    }
    if let Ok(token) = std::env::var("OMS_TOKEN") {
        builder = builder.access_token(token);
    }
    let client = builder.build()?;
    println!(
        "Calling `apply_block_timer` with the documented example `documented_address`."
    );
    let request: oms::ApplyBlockTimerRequest = serde_json::from_str(
        "{\"set_id\":126,\"app_id\":2,\"svr_ids\":[\"126.2.2.3\"]}",
    )?;
    match client.apply_block_timer(&request).await {
        Ok(response) => println!("HTTP {}: {:#?}", response.status, * response),
        Err(e) => eprintln!("failed: {e} (retryable: {})", e.is_retryable()),
    }
    Ok(())
}
