// Generated from specs/gaussdb_mysql.yaml, specs/oms.yaml, specs/otc_dcs.yaml, specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Every operation reachable by provider and operation id, with parameters as JSON
//! keyed by wire name (typed values). The conformance suite drives clients through it.
use crate::runtime;
/// `(provider, operation)` pairs, in spec order.
pub fn operations() -> &'static [(&'static str, &'static str)] {
    &[
        ("gaussdb_mysql", "create_manual_backup"),
        ("oms", "apply_block_timer"),
        ("oms", "apply_table_backup"),
        ("oms", "reject_application"),
        ("otc_dcs", "list_backup_records"),
        ("zomro", "create_backup_schedule"),
        ("zomro", "list_backup_schedules"),
        ("zomro", "delete_backup_schedule"),
    ]
}
/// Call `operation` of `provider`: `params` deserialize into its request type; the
/// typed response (or error) comes back serialized. Unknown names are `invalid_input`.
#[allow(clippy::result_large_err)]
pub async fn call(
    provider: &str,
    operation: &str,
    config: &runtime::DynConfig,
    params: serde_json::Value,
) -> Result<runtime::Outcome, runtime::ErrorReport> {
    match (provider, operation) {
        ("gaussdb_mysql", "create_manual_backup") => {
            let request = runtime::parse_params(params)?;
            runtime::outcome(
                crate::gaussdb_mysql::Client::from_dyn(config)
                    .create_manual_backup(&request)
                    .await,
            )
        }
        ("oms", "apply_block_timer") => {
            let request = runtime::parse_params(params)?;
            runtime::outcome(
                crate::oms::Client::from_dyn(config).apply_block_timer(&request).await,
            )
        }
        ("oms", "apply_table_backup") => {
            let request = runtime::parse_params(params)?;
            runtime::outcome(
                crate::oms::Client::from_dyn(config).apply_table_backup(&request).await,
            )
        }
        ("oms", "reject_application") => {
            let request = runtime::parse_params(params)?;
            runtime::outcome(
                crate::oms::Client::from_dyn(config).reject_application(&request).await,
            )
        }
        ("otc_dcs", "list_backup_records") => {
            let request = runtime::parse_params(params)?;
            runtime::outcome(
                crate::otc_dcs::Client::from_dyn(config)
                    .list_backup_records(&request)
                    .await,
            )
        }
        ("zomro", "create_backup_schedule") => {
            let request = runtime::parse_params(params)?;
            runtime::outcome(
                crate::zomro::Client::from_dyn(config)
                    .create_backup_schedule(&request)
                    .await,
            )
        }
        ("zomro", "list_backup_schedules") => {
            let request = runtime::parse_params(params)?;
            runtime::outcome(
                crate::zomro::Client::from_dyn(config)
                    .list_backup_schedules(&request)
                    .await,
            )
        }
        ("zomro", "delete_backup_schedule") => {
            let request = runtime::parse_params(params)?;
            runtime::outcome(
                crate::zomro::Client::from_dyn(config)
                    .delete_backup_schedule(&request)
                    .await,
            )
        }
        _ => Err(runtime::ErrorReport::unknown_operation(provider, operation)),
    }
}
