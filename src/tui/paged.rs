//! A window onto a long list: only the rows on screen are held, and moving
//! past an edge asks the store for the next rows by key (keyset paging), so
//! a list of a million rows costs the same as one of ten.

use crate::store::{self, Seek};

/// Something a window can page through.
pub trait PageSource {
    type Row;
    type Key;
    fn fetch(&self, seek: &Seek<Self::Key>, limit: usize) -> store::Result<Vec<Self::Row>>;
    fn key(&self, row: &Self::Row) -> Self::Key;
}

/// The visible rows of a list and the selected one.
#[derive(Debug, Clone)]
pub struct PagedList<R> {
    rows: Vec<R>,
    selected: usize,
    height: usize,
}

impl<R> Default for PagedList<R> {
    fn default() -> Self {
        PagedList { rows: Vec::new(), selected: 0, height: 1 }
    }
}

impl<R> PagedList<R> {
    pub fn rows(&self) -> &[R] {
        &self.rows
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn selected(&self) -> Option<&R> {
        self.rows.get(self.selected)
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Sets how many rows fit and reloads in place.
    pub fn set_height<S: PageSource<Row = R>>(&mut self, height: usize, source: &S) -> store::Result<()> {
        self.height = height.max(1);
        self.reload(source)
    }

    /// Reloads the window where it stands (after a change to the data),
    /// keeping it full when rows exist above.
    pub fn reload<S: PageSource<Row = R>>(&mut self, source: &S) -> store::Result<()> {
        self.rows = match self.rows.first() {
            Some(first) => source.fetch(&Seek::From(source.key(first)), self.height)?,
            None => source.fetch(&Seek::First, self.height)?,
        };
        self.fill_above(source)
    }

    /// Shows the window starting at `key` and selects that row.
    pub fn focus_on<S: PageSource<Row = R>>(&mut self, key: S::Key, source: &S) -> store::Result<()> {
        self.rows = source.fetch(&Seek::From(key), self.height)?;
        self.selected = 0;
        self.fill_above(source)
    }

    /// Near the end of a list the window would be short: pull rows from
    /// above into it, keeping the selected row selected.
    fn fill_above<S: PageSource<Row = R>>(&mut self, source: &S) -> store::Result<()> {
        if self.rows.len() < self.height {
            let missing = self.height - self.rows.len();
            let above = match self.rows.first() {
                Some(first) => source.fetch(&Seek::Before(source.key(first)), missing)?,
                None => source.fetch(&Seek::Last, missing)?,
            };
            self.selected += above.len();
            self.rows.splice(0..0, above);
        }
        self.clamp();
        Ok(())
    }

    pub fn first<S: PageSource<Row = R>>(&mut self, source: &S) -> store::Result<()> {
        self.rows = source.fetch(&Seek::First, self.height)?;
        self.selected = 0;
        Ok(())
    }

    pub fn last<S: PageSource<Row = R>>(&mut self, source: &S) -> store::Result<()> {
        self.rows = source.fetch(&Seek::Last, self.height)?;
        self.selected = self.rows.len().saturating_sub(1);
        Ok(())
    }

    pub fn down<S: PageSource<Row = R>>(&mut self, source: &S) -> store::Result<()> {
        if self.selected + 1 < self.rows.len() {
            self.selected += 1;
            return Ok(());
        }
        if let Some(last) = self.rows.last() {
            let next = source.fetch(&Seek::After(source.key(last)), 1)?;
            if !next.is_empty() {
                self.rows.extend(next);
                self.trim_front();
                self.selected = self.rows.len() - 1;
            }
        }
        Ok(())
    }

    pub fn up<S: PageSource<Row = R>>(&mut self, source: &S) -> store::Result<()> {
        if self.selected > 0 {
            self.selected -= 1;
            return Ok(());
        }
        if let Some(first) = self.rows.first() {
            let previous = source.fetch(&Seek::Before(source.key(first)), 1)?;
            if !previous.is_empty() {
                self.rows.splice(0..0, previous);
                self.rows.truncate(self.height);
                self.selected = 0;
            }
        }
        Ok(())
    }

    /// Scrolls a screen down; the selection keeps its place on screen, or
    /// goes to the last row at the end of the list.
    pub fn page_down<S: PageSource<Row = R>>(&mut self, source: &S) -> store::Result<()> {
        let Some(last) = self.rows.last() else { return Ok(()) };
        let next = source.fetch(&Seek::After(source.key(last)), self.height)?;
        if next.is_empty() {
            self.selected = self.rows.len().saturating_sub(1);
        } else {
            self.rows.extend(next);
            self.trim_front();
        }
        Ok(())
    }

    pub fn page_up<S: PageSource<Row = R>>(&mut self, source: &S) -> store::Result<()> {
        let Some(first) = self.rows.first() else { return Ok(()) };
        let previous = source.fetch(&Seek::Before(source.key(first)), self.height)?;
        if previous.is_empty() {
            self.selected = 0;
        } else {
            self.rows.splice(0..0, previous);
            self.rows.truncate(self.height);
        }
        Ok(())
    }

    fn trim_front(&mut self) {
        if self.rows.len() > self.height {
            let extra = self.rows.len() - self.height;
            self.rows.drain(0..extra);
        }
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers 0..n as a source, so paging can be checked without a store.
    struct Numbers(i64);

    impl PageSource for Numbers {
        type Row = i64;
        type Key = i64;
        fn fetch(&self, seek: &Seek<i64>, limit: usize) -> store::Result<Vec<i64>> {
            let all = 0..self.0;
            Ok(match seek {
                Seek::First => all.take(limit).collect(),
                Seek::Last => {
                    let mut v: Vec<i64> = all.rev().take(limit).collect();
                    v.reverse();
                    v
                }
                Seek::After(k) => all.filter(|n| n > k).take(limit).collect(),
                Seek::From(k) => all.filter(|n| n >= k).take(limit).collect(),
                Seek::Before(k) => {
                    let mut v: Vec<i64> = all.rev().filter(|n| n < k).take(limit).collect();
                    v.reverse();
                    v
                }
            })
        }
        fn key(&self, row: &i64) -> i64 {
            *row
        }
    }

    #[test]
    fn moves_page_by_page_and_stops_at_the_ends() -> store::Result<()> {
        let src = Numbers(25);
        let mut list = PagedList::default();
        list.set_height(10, &src)?;
        assert_eq!(list.rows(), (0..10).collect::<Vec<_>>());
        for _ in 0..12 {
            list.down(&src)?;
        }
        assert_eq!(list.selected(), Some(&12));
        assert_eq!(list.rows().len(), 10);
        list.page_down(&src)?;
        list.page_down(&src)?;
        assert_eq!(list.rows().last(), Some(&24));
        list.last(&src)?;
        assert_eq!(list.selected(), Some(&24));
        list.down(&src)?;
        assert_eq!(list.selected(), Some(&24));
        list.first(&src)?;
        list.up(&src)?;
        assert_eq!(list.selected(), Some(&0));
        list.page_up(&src)?;
        assert_eq!(list.selected(), Some(&0));
        Ok(())
    }

    #[test]
    fn reload_keeps_the_window_full_when_rows_vanish() -> store::Result<()> {
        let mut list = PagedList::default();
        list.set_height(5, &Numbers(20))?;
        list.last(&Numbers(20))?;
        list.reload(&Numbers(17))?;
        assert_eq!(list.rows(), &[12, 13, 14, 15, 16]);
        assert_eq!(list.selected(), Some(&16));
        list.reload(&Numbers(0))?;
        assert!(list.selected().is_none());
        Ok(())
    }
}
