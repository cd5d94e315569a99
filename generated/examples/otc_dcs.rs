// Generated from specs/otc_dcs.yaml by `cargo xtask codegen`; do not edit.
//! Calls Open Telekom Cloud Distributed Cache Service (DCS) with a documented example. Set `OTC_DCS_BASE_URL` to aim elsewhere than the documented example host, and `OTC_DCS_TOKEN` for the credential.
use generated::otc_dcs as api;
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = api::Client::builder();
    builder = builder.dcs_endpoint("dcs.eu-de.otc.t-systems.com");
    if let Ok(url) = std::env::var("OTC_DCS_BASE_URL") {
        builder = builder.base_url(url);
    }
    let credential = std::env::var("OTC_DCS_TOKEN")
        .unwrap_or_else(|_| "example-credential".to_owned());
    builder = builder.token(credential.as_str());
    let client = builder.timeout(std::time::Duration::from_secs(10)).build()?;
    use generated::runtime::StreamExt;
    println!(
        "Calling `list_backup_records` with the documented example `list_records`."
    );
    match client
        .list_backup_records()
        .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
        .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
        .start(1)
        .limit(10)
        .begin_time("20170718235959")
        .end_time("20190718235959")
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
    let mut items = client
        .list_backup_records()
        .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
        .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
        .start(1)
        .limit(10)
        .begin_time("20170718235959")
        .end_time("20190718235959")
        .stream();
    let mut count = 0usize;
    while let Some(item) = items.next().await {
        match item {
            Ok(_) => count += 1,
            Err(e) => return Err(e.into()),
        }
    }
    println!("{count} items over all pages");
    Ok(())
}
