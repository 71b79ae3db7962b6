//! How domain values are kept in SQL columns: money as integer cents,
//! vocabularies as their stable codes. Here rather than in `domain`, so the
//! domain knows nothing of SQL.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::visit_plan::{VisitKind, VisitState};
use crate::domain::{
    AccountStatus, Channel, ComplaintCategory, ComplaintStatus, ContractStatus, DecisionRole, Money, Outcome,
    PaymentMethod, Severity, Tier,
};

impl ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.cents()))
    }
}

impl FromSql for Money {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Money)
    }
}

macro_rules! coded {
    ($($name:ident),+) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_code(text).ok_or_else(|| {
                    FromSqlError::Other(format!("unknown {} code {text:?}", stringify!($name)).into())
                })
            }
        }
    )+};
}

coded!(
    Tier,
    AccountStatus,
    Channel,
    DecisionRole,
    Outcome,
    ContractStatus,
    PaymentMethod,
    ComplaintCategory,
    Severity,
    ComplaintStatus,
    VisitKind,
    VisitState
);
