//! Which column of a file feeds which field: by header name (English and
//! Chinese aliases, any case) or as the user says with `--map HEADER=FIELD`.

/// A field an importer fills, with the header names that mean it.
pub struct FieldSpec {
    pub field: &'static str,
    pub aliases: &'static [&'static str],
}

/// Header position → field name, for one file.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    pub fields: Vec<Option<&'static str>>,
    /// Headers that feed no field, to tell the user.
    pub ignored: Vec<String>,
    /// Fields given one value for every row (`--set FIELD=VALUE`); they win
    /// over a column.
    pub constants: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MapError {
    /// `--map` names a field this importer does not have.
    UnknownField(String),
    /// `--map` is not `HEADER=FIELD`.
    BadSpec(String),
    /// `--map` names a header the file does not have.
    UnknownHeader(String),
}

fn norm(header: &str) -> String {
    header.trim().trim_start_matches('\u{feff}').to_lowercase().replace(['_', '-'], " ")
}

/// Maps `headers` to `specs`' fields. `overrides` (HEADER=FIELD) win over
/// aliases, and `HEADER=` leaves a column out; a field is fed by one
/// column at most (the first).
pub fn map_columns(headers: &[String], specs: &[FieldSpec], overrides: &[String]) -> Result<ColumnMap, MapError> {
    let mut fields: Vec<Option<&'static str>> = vec![None; headers.len()];
    let mut left_out = vec![false; headers.len()];
    for spec in overrides {
        let (header, field) = spec.split_once('=').ok_or_else(|| MapError::BadSpec(spec.clone()))?;
        if field.trim().is_empty() {
            let position = headers
                .iter()
                .position(|h| norm(h) == norm(header))
                .ok_or_else(|| MapError::UnknownHeader(header.trim().to_string()))?;
            left_out[position] = true;
            continue;
        }
        let field_spec = specs
            .iter()
            .find(|s| norm(s.field) == norm(field))
            .ok_or_else(|| MapError::UnknownField(field.trim().to_string()))?;
        let position = headers
            .iter()
            .position(|h| norm(h) == norm(header))
            .ok_or_else(|| MapError::UnknownHeader(header.trim().to_string()))?;
        fields[position] = Some(field_spec.field);
    }
    for (i, header) in headers.iter().enumerate() {
        if fields[i].is_some() || left_out[i] {
            continue;
        }
        let h = norm(header);
        let found = specs.iter().find(|s| norm(s.field) == h || s.aliases.iter().any(|a| norm(a) == h));
        if let Some(spec) = found
            && !fields.contains(&Some(spec.field))
        {
            fields[i] = Some(spec.field);
        }
    }
    let ignored = headers.iter().zip(&fields).filter(|(_, f)| f.is_none()).map(|(h, _)| h.trim().to_string()).collect();
    Ok(ColumnMap { fields, ignored, constants: Vec::new() })
}

impl ColumnMap {
    /// The position of the column feeding `field`.
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    /// Whether `field` gets a value: from a column or a constant.
    pub fn feeds(&self, field: &str) -> bool {
        self.column_of(field).is_some() || self.constants.iter().any(|(f, _)| *f == field)
    }

    /// Adds the constants of `sets` (`FIELD=VALUE`, the field one of
    /// `specs`' by its name or an alias).
    pub fn with_constants(mut self, specs: &[FieldSpec], sets: &[String]) -> Result<ColumnMap, MapError> {
        for set in sets {
            let (field, value) = set.split_once('=').ok_or_else(|| MapError::BadSpec(set.clone()))?;
            let spec = specs
                .iter()
                .find(|s| norm(s.field) == norm(field) || s.aliases.iter().any(|a| norm(a) == norm(field)))
                .ok_or_else(|| MapError::UnknownField(field.trim().to_string()))?;
            self.constants.retain(|(f, _)| *f != spec.field);
            self.constants.push((spec.field, value.trim().to_string()));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[FieldSpec] = &[
        FieldSpec { field: "name", aliases: &["account", "名称"] },
        FieldSpec { field: "segment", aliases: &["sector"] },
        FieldSpec { field: "region", aliases: &[] },
    ];

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn maps_by_alias_and_by_override() {
        let map = map_columns(&headers(&["\u{feff}Account", "sector", "area", "x"]), SPECS, &["area=region".into()])
            .expect("map");
        assert_eq!(map.fields, vec![Some("name"), Some("segment"), Some("region"), None]);
        assert_eq!(map.ignored, vec!["x".to_string()]);
    }

    #[test]
    fn bad_overrides_are_refused() {
        let h = headers(&["name"]);
        assert_eq!(map_columns(&h, SPECS, &["name=price".into()]), Err(MapError::UnknownField("price".into())));
        assert_eq!(map_columns(&h, SPECS, &["nope".into()]), Err(MapError::BadSpec("nope".into())));
        assert_eq!(map_columns(&h, SPECS, &["area=region".into()]), Err(MapError::UnknownHeader("area".into())));
    }

    #[test]
    fn an_empty_field_leaves_a_column_out() {
        let map = map_columns(&headers(&["account", "sector"]), SPECS, &["sector=".into()]).expect("map");
        assert_eq!(map.fields, vec![Some("name"), None]);
        assert_eq!(map.ignored, vec!["sector".to_string()]);
    }

    #[test]
    fn a_constant_feeds_a_field_no_column_gives() {
        let map = map_columns(&headers(&["account"]), SPECS, &[]).expect("map");
        assert!(!map.feeds("region"));
        let map = map.with_constants(SPECS, &["region=华东".into()]).expect("set");
        assert!(map.feeds("region"));
        assert_eq!(map.constants, vec![("region", "华东".to_string())]);
        let wrong =
            map_columns(&headers(&["account"]), SPECS, &[]).expect("map").with_constants(SPECS, &["price=1".into()]);
        assert_eq!(wrong, Err(MapError::UnknownField("price".into())));
    }
}
