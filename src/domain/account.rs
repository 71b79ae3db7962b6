//! An account and its contacts as the rep enters them, and the checks
//! every way in (form, import) applies: what is wrong, in which field.

use super::kinds::{AccountStatus, DecisionRole, Tier};
use super::money::Money;
use super::validation::FieldError;

/// What a new account is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAccount {
    pub name: String,
    pub short_name: String,
    pub segment: String,
    pub tier: Tier,
    pub tier_pinned: bool,
    pub region: String,
    pub address: String,
    pub status: AccountStatus,
    pub credit_rating: String,
    pub annual_purchase: Money,
    pub info_sources: String,
    pub notes: String,
    /// Research: no competitor is known (which counts as knowing the field).
    pub no_known_competitor: bool,
}

impl NewAccount {
    /// A prospect with just a name: the rest is filled in later.
    pub fn named(name: &str) -> NewAccount {
        NewAccount {
            name: name.to_string(),
            short_name: String::new(),
            segment: String::new(),
            tier: Tier::C,
            tier_pinned: false,
            region: String::new(),
            address: String::new(),
            status: AccountStatus::Prospect,
            credit_rating: String::new(),
            annual_purchase: Money::ZERO,
            info_sources: String::new(),
            notes: String::new(),
            no_known_competitor: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewContact {
    pub account_id: i64,
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub role: DecisionRole,
    pub personal_notes: String,
}

/// The fields of an account, to say where a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountField {
    Name,
    ShortName,
    Segment,
    Tier,
    Region,
    Address,
    Status,
    CreditRating,
    AnnualPurchase,
    InfoSources,
    Notes,
}

impl AccountField {
    /// The field's name in files and forms.
    pub fn key(self) -> &'static str {
        match self {
            AccountField::Name => "name",
            AccountField::ShortName => "short_name",
            AccountField::Segment => "segment",
            AccountField::Tier => "tier",
            AccountField::Region => "region",
            AccountField::Address => "address",
            AccountField::Status => "status",
            AccountField::CreditRating => "credit_rating",
            AccountField::AnnualPurchase => "annual_purchase",
            AccountField::InfoSources => "info_sources",
            AccountField::Notes => "notes",
        }
    }
}

/// The fields of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactField {
    Account,
    Name,
    Title,
    Phone,
    Email,
    Role,
    PersonalNotes,
}

impl ContactField {
    /// The field's name in files and forms.
    pub fn key(self) -> &'static str {
        match self {
            ContactField::Account => "account",
            ContactField::Name => "name",
            ContactField::Title => "title",
            ContactField::Phone => "phone",
            ContactField::Email => "email",
            ContactField::Role => "role",
            ContactField::PersonalNotes => "personal_notes",
        }
    }
}

/// An account as typed: text per field, before any check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountInput {
    pub name: String,
    pub short_name: String,
    pub segment: String,
    /// `A`, `B`, `C`, or empty / `auto` to follow the annual purchase.
    pub tier: String,
    pub region: String,
    pub address: String,
    pub status: String,
    pub credit_rating: String,
    pub annual_purchase: String,
    pub info_sources: String,
    pub notes: String,
    /// "1" / "yes" / "true" when no competitor is known.
    pub no_known_competitor: String,
}

pub const NAME_MAX: usize = 200;
pub const SHORT_MAX: usize = 100;
pub const NOTES_MAX: usize = 2000;

/// Trims and checks a text field: required or not, and its length.
pub fn text(value: &str, required: bool, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(FieldError::Empty);
    }
    if value.chars().count() > max {
        return Err(FieldError::TooLong(max));
    }
    Ok(value.to_string())
}

/// An amount that cannot be negative; empty means zero.
pub fn non_negative_amount(value: &str) -> Result<Money, FieldError> {
    if value.trim().is_empty() {
        return Ok(Money::ZERO);
    }
    let money = Money::parse(value)?;
    if money.cents() < 0 { Err(FieldError::Negative) } else { Ok(money) }
}

/// Checks every field; on success the account, with its tier derived from
/// the annual purchase (by `tier_for`) unless one was pinned.
pub fn validate_account(
    input: &AccountInput,
    tier_for: impl Fn(Money) -> Tier,
) -> Result<NewAccount, Vec<(AccountField, FieldError)>> {
    let mut errors = Vec::new();
    let mut check = |field: AccountField, result: Result<String, FieldError>| {
        result.map_err(|e| errors.push((field, e))).unwrap_or_default()
    };
    let name = check(AccountField::Name, text(&input.name, true, NAME_MAX));
    let short_name = check(AccountField::ShortName, text(&input.short_name, false, SHORT_MAX));
    let segment = check(AccountField::Segment, text(&input.segment, false, SHORT_MAX));
    let region = check(AccountField::Region, text(&input.region, false, SHORT_MAX));
    let address = check(AccountField::Address, text(&input.address, false, NOTES_MAX));
    let credit_rating = check(AccountField::CreditRating, text(&input.credit_rating, false, 20));
    let info_sources = check(AccountField::InfoSources, text(&input.info_sources, false, NOTES_MAX));
    let notes = check(AccountField::Notes, text(&input.notes, false, NOTES_MAX));
    let annual_purchase = non_negative_amount(&input.annual_purchase).unwrap_or_else(|e| {
        errors.push((AccountField::AnnualPurchase, e));
        Money::ZERO
    });
    let pinned = match input.tier.trim() {
        "" => None,
        t if t.eq_ignore_ascii_case("auto") => None,
        t => match Tier::from_code_loose(t) {
            Some(tier) => Some(tier),
            None => {
                errors.push((AccountField::Tier, FieldError::UnknownValue));
                None
            }
        },
    };
    let status = match input.status.trim() {
        "" => AccountStatus::Prospect,
        s => AccountStatus::from_code_loose(s).unwrap_or_else(|| {
            errors.push((AccountField::Status, FieldError::UnknownValue));
            AccountStatus::Prospect
        }),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewAccount {
        name,
        short_name,
        segment,
        tier: pinned.unwrap_or_else(|| tier_for(annual_purchase)),
        tier_pinned: pinned.is_some(),
        region,
        address,
        status,
        credit_rating,
        annual_purchase,
        info_sources,
        notes,
        no_known_competitor: matches!(input.no_known_competitor.trim().to_lowercase().as_str(), "1" | "yes" | "true"),
    })
}

/// A contact as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactInput {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub role: String,
    pub personal_notes: String,
}

pub fn validate_contact(account_id: i64, input: &ContactInput) -> Result<NewContact, Vec<(ContactField, FieldError)>> {
    let mut errors = Vec::new();
    let mut check = |field: ContactField, result: Result<String, FieldError>| {
        result.map_err(|e| errors.push((field, e))).unwrap_or_default()
    };
    let name = check(ContactField::Name, text(&input.name, true, NAME_MAX));
    let title = check(ContactField::Title, text(&input.title, false, SHORT_MAX));
    let phone = check(
        ContactField::Phone,
        text(&input.phone, false, 40).and_then(|p| {
            let ok = p.chars().all(|c| c.is_ascii_digit() || " +-()#转".contains(c));
            if ok { Ok(p) } else { Err(FieldError::NotAPhone) }
        }),
    );
    let email = check(
        ContactField::Email,
        text(&input.email, false, SHORT_MAX).and_then(|e| {
            let ok =
                e.is_empty() || e.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
            if ok { Ok(e) } else { Err(FieldError::NotAnEmail) }
        }),
    );
    let personal_notes = check(ContactField::PersonalNotes, text(&input.personal_notes, false, NOTES_MAX));
    let role = match input.role.trim() {
        "" => DecisionRole::User,
        r => DecisionRole::from_code_loose(r).unwrap_or_else(|| {
            errors.push((ContactField::Role, FieldError::UnknownValue));
            DecisionRole::User
        }),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewContact { account_id, name, title, phone, email, role, personal_notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier_for(m: Money) -> Tier {
        if m.cents() >= 500_000_000 { Tier::A } else { Tier::C }
    }

    #[test]
    fn a_good_account_derives_its_tier() {
        let input =
            AccountInput { name: " 平安银行 ".into(), annual_purchase: "600万".into(), ..Default::default() };
        let account = validate_account(&input, tier_for).expect("valid");
        assert_eq!(account.name, "平安银行");
        assert_eq!((account.tier, account.tier_pinned), (Tier::A, false));
        let pinned = AccountInput { tier: "b".into(), ..input };
        let account = validate_account(&pinned, tier_for).expect("valid");
        assert_eq!((account.tier, account.tier_pinned), (Tier::B, true));
    }

    #[test]
    fn bad_accounts_say_which_field() {
        let input = AccountInput {
            name: "   ".into(),
            annual_purchase: "-5".into(),
            tier: "D".into(),
            status: "happy".into(),
            notes: "长".repeat(NOTES_MAX + 1),
            ..Default::default()
        };
        let errors = validate_account(&input, tier_for).expect_err("invalid");
        assert!(errors.contains(&(AccountField::Name, FieldError::Empty)));
        assert!(errors.contains(&(AccountField::AnnualPurchase, FieldError::Negative)));
        assert!(errors.contains(&(AccountField::Tier, FieldError::UnknownValue)));
        assert!(errors.contains(&(AccountField::Status, FieldError::UnknownValue)));
        assert!(errors.contains(&(AccountField::Notes, FieldError::TooLong(NOTES_MAX))));
    }

    #[test]
    fn contacts_check_phone_email_and_role() {
        let good = ContactInput {
            name: "王芳".into(),
            role: "decision_maker".into(),
            email: "w@x.cn".into(),
            phone: "+86 138-0000".into(),
            ..Default::default()
        };
        assert_eq!(validate_contact(1, &good).expect("valid").role, DecisionRole::DecisionMaker);
        let bad = ContactInput {
            name: "王芳".into(),
            role: "boss".into(),
            email: "nope".into(),
            phone: "call me".into(),
            ..Default::default()
        };
        let errors = validate_contact(1, &bad).expect_err("invalid");
        assert_eq!(errors.len(), 3);
    }
}
