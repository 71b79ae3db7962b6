//! The six stages of the key-account sales process (大客户销售流程), the
//! columns of the pipeline board.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Research = 1,
    Analysis = 2,
    FirstContact = 3,
    Relationship = 4,
    Close = 5,
    Maintain = 6,
}

impl Stage {
    pub const ALL: [Stage; 6] =
        [Stage::Research, Stage::Analysis, Stage::FirstContact, Stage::Relationship, Stage::Close, Stage::Maintain];

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: i64) -> Option<Stage> {
        Stage::ALL.get(usize::try_from(n).ok()?.checked_sub(1)?).copied()
    }

    pub fn next(self) -> Option<Stage> {
        Stage::from_number(i64::from(self.number()) + 1)
    }

    pub fn previous(self) -> Option<Stage> {
        Stage::from_number(i64::from(self.number()) - 1)
    }

    /// The default win probability (percent) of a deal in this stage; a deal
    /// may override it.
    pub fn default_probability(self) -> u8 {
        match self {
            Stage::Research => 5,
            Stage::Analysis => 10,
            Stage::FirstContact => 20,
            Stage::Relationship => 40,
            Stage::Close => 70,
            Stage::Maintain => 100,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_ends_stop() {
        for s in Stage::ALL {
            assert_eq!(Stage::from_number(i64::from(s.number())), Some(s));
        }
        assert_eq!(Stage::from_number(0), None);
        assert_eq!(Stage::from_number(7), None);
        assert_eq!(Stage::Maintain.next(), None);
        assert_eq!(Stage::Research.previous(), None);
        assert_eq!(Stage::Close.next(), Some(Stage::Maintain));
    }
}
