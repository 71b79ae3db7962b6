//! The dossier's smaller records: contacts, competitors, needs with their
//! why-chain.

use super::ActionKind;
use crate::store::{NewCompetitor, NewContact, NewNeed, RecordMeta, Result, Store, StoreError};

pub fn add_contact(store: &mut Store, contact: &NewContact) -> Result<i64> {
    store.action(ActionKind::AddContact.code(), &contact.name, |b| b.insert_contact(contact, &RecordMeta::now()))
}

pub fn edit_contact(store: &mut Store, id: i64, contact: &NewContact) -> Result<()> {
    store.action(ActionKind::EditContact.code(), &contact.name, |b| b.update_contact(id, contact))
}

pub fn delete_contact(store: &mut Store, id: i64) -> Result<()> {
    let name = store.contact(id)?.map(|c| c.fields.name).ok_or(StoreError::NotFound("contact"))?;
    store.action(ActionKind::DeleteContact.code(), &name, |b| b.delete_contact(id))
}

pub fn add_competitor(store: &mut Store, competitor: &NewCompetitor) -> Result<i64> {
    store.action(ActionKind::AddCompetitor.code(), &competitor.name, |b| {
        b.insert_competitor(competitor, &RecordMeta::now())
    })
}

pub fn edit_competitor(store: &mut Store, id: i64, competitor: &NewCompetitor) -> Result<()> {
    store.action(ActionKind::EditCompetitor.code(), &competitor.name, |b| b.update_competitor(id, competitor))
}

pub fn delete_competitor(store: &mut Store, id: i64) -> Result<()> {
    let name = store.competitor(id)?.map(|c| c.fields.name).ok_or(StoreError::NotFound("competitor"))?;
    store.action(ActionKind::DeleteCompetitor.code(), &name, |b| b.delete_competitor(id))
}

pub fn add_need(store: &mut Store, need: &NewNeed) -> Result<i64> {
    store.action(ActionKind::AddNeed.code(), &need.stated, |b| b.insert_need(need, &RecordMeta::now()))
}

pub fn edit_need(store: &mut Store, id: i64, need: &NewNeed) -> Result<()> {
    store.action(ActionKind::EditNeed.code(), &need.stated, |b| b.update_need(id, need))
}

pub fn delete_need(store: &mut Store, id: i64) -> Result<()> {
    let stated = store.need(id)?.map(|n| n.fields.stated).ok_or(StoreError::NotFound("need"))?;
    store.action(ActionKind::DeleteNeed.code(), &stated, |b| b.delete_need(id))
}
