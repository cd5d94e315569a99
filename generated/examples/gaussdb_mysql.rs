// Generated from specs/gaussdb_mysql.yaml by `cargo xtask codegen`; do not edit.
//! Calls Huawei Cloud GaussDB(for MySQL) with a documented example. Set `GAUSSDB_MYSQL_BASE_URL` to aim elsewhere than the documented example host, and `GAUSSDB_MYSQL_TOKEN` for the credential.
use generated::gaussdb_mysql as api;
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = api::Client::builder();
    builder = builder.endpoint("gaussdb.sa-brazil-1.myhuaweicloud.com");
    if let Ok(url) = std::env::var("GAUSSDB_MYSQL_BASE_URL") {
        builder = builder.base_url(url);
    }
    let credential = std::env::var("GAUSSDB_MYSQL_TOKEN")
        .unwrap_or_else(|_| "example-credential".to_owned());
    builder = builder.token(credential.as_str());
    let client = builder.timeout(std::time::Duration::from_secs(10)).build()?;
    println!(
        "Calling `create_manual_backup` with the documented example `create_backup`."
    );
    match client
        .create_manual_backup()
        .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
        .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
        .name("backup-1")
        .description("Manual backup")
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
