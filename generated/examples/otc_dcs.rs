// Generated from specs/otc_dcs.yaml by `cargo xtask codegen`; do not edit.
//! Calls Open Telekom Cloud Distributed Cache Service (DCS) with a documented example. Set `OTC_DCS_BASE_URL` to aim elsewhere than the documented example host, and `OTC_DCS_TOKEN` for the credential.
use generated::otc_dcs;
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = otc_dcs::Client::builder();
    builder = builder.dcs_endpoint("dcs.eu-de.otc.t-systems.com");
    if let Ok(url) = std::env::var("OTC_DCS_BASE_URL") {
        builder = builder.base_url(url);
    }
    if let Ok(token) = std::env::var("OTC_DCS_TOKEN") {
        builder = builder.token(token);
    }
    let client = builder.build()?;
    println!(
        "Calling `list_backup_records` with the documented example `list_records`."
    );
    let request: otc_dcs::ListBackupRecordsRequest = serde_json::from_str(
        "{\"project_id\":\"0605767b0f0c4f3f9c21b7b5e2f1a5d1\",\"instance_id\":\"5560df16-cebf-4473-95c4-d1b573c16e79\",\"start\":1,\"limit\":10,\"beginTime\":\"20170718235959\",\"endTime\":\"20190718235959\"}",
    )?;
    match client.list_backup_records(&request).await {
        Ok(response) => println!("HTTP {}: {:#?}", response.status, * response),
        Err(e) => eprintln!("failed: {e} (retryable: {})", e.is_retryable()),
    }
    Ok(())
}
