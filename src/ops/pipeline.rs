//! Moving a deal between stages, by the method: forward past an unmet
//! checklist is allowed, and kept as a forced move with what was missing.

use super::ActionKind;
use crate::domain::checklist::unmet;
use crate::domain::{Outcome, Stage};
use crate::store::{Move, RecordMeta, Result, Store, StoreError};

/// A move that was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub id: i64,
    /// The deal's title, for the words about the move.
    pub title: String,
    pub from: Stage,
    pub to: Stage,
    /// The codes of the checklist items of `from` not met: a forced move.
    pub unmet: Vec<&'static str>,
}

/// Why a move was not made (nothing was written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveRefused {
    /// Won and lost deals stay where they are until reopened.
    NotOpen,
    /// Close ends with an outcome (won or lost), not a move.
    CloseNeedsOutcome,
    /// First or last stage already.
    NoFurtherStage,
}

/// Moves a deal one stage forward or back.
pub fn move_deal(
    store: &mut Store,
    id: i64,
    forward: bool,
    today: chrono::NaiveDate,
) -> Result<std::result::Result<Moved, MoveRefused>> {
    let deal = store.opportunity(id)?.ok_or(StoreError::NotFound("opportunity"))?;
    if deal.outcome != Outcome::Open {
        return Ok(Err(MoveRefused::NotOpen));
    }
    if forward && deal.stage == Stage::Close {
        return Ok(Err(MoveRefused::CloseNeedsOutcome));
    }
    let Some(to) = (if forward { deal.stage.next() } else { deal.stage.previous() }) else {
        return Ok(Err(MoveRefused::NoFurtherStage));
    };
    let missing = if forward { unmet(deal.stage, &store.deal_facts(id, today)?) } else { Vec::new() };
    let how = Move { unmet: missing.clone(), outcome: None };
    store.action(ActionKind::MoveDeal.code(), &deal.title, |b| b.move_stage(id, to, &how, &RecordMeta::now()))?;
    Ok(Ok(Moved { id, title: deal.title, from: deal.stage, to, unmet: missing }))
}
