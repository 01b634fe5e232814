//! Plan checks (SPEC section 3): from raw plan files to a validated [`Plan`], or every
//! problem found, each an E010 at the file, line and column of the offending value.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use crate::diag::message::Thing;
use crate::diag::{Diagnostic, Message};
use crate::lang::Lang;
use crate::load::plan::{Item, RawPlan, Str, calendar_date};
use crate::load::text::nfc;
use crate::model::{
    Aggregate, Baseline, Group, Handover, Indicator, Kind, Measure, MeasureUnit, Members, Moves,
    Plan, PlanMeta, PlanParts, ReportChange, ReportKeys, ReportSettings, Schedule, Section, Target,
    Task, Unit, UnitKind,
};

/// Validates the raw plan. Returns the plan only when no check failed; the
/// diagnostics hold every problem found.
pub fn validate(raw: &RawPlan) -> (Option<Plan>, Vec<Diagnostic>) {
    let mut v = Validator {
        raw,
        out: Vec::new(),
    };
    let plan = v.plan();
    let out = v.out;
    (plan.filter(|_| out.is_empty()), out)
}

struct Validator<'a> {
    raw: &'a RawPlan,
    out: Vec<Diagnostic>,
}

/// What a code names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    Unit,
    Group,
}

impl Validator<'_> {
    fn err(&mut self, file: usize, span: Range<usize>, message: Message) {
        self.out.push(self.raw.error(file, span, message));
    }

    /// A baseline or target value: finite, and for a `%` indicator within 0..=100.
    fn number(&mut self, file: usize, value: &toml::Spanned<f64>, percent: bool, baseline: bool) {
        let n = *value.get_ref();
        if !n.is_finite() {
            // As TOML writes it: `nan`, `inf`, `-inf`.
            let value_text = n.to_string().to_lowercase();
            self.err(
                file,
                value.span(),
                Message::NotFinite {
                    baseline,
                    value: value_text,
                },
            );
        } else if percent && !(0.0..=100.0).contains(&n) {
            self.err(
                file,
                value.span(),
                Message::PercentBound { baseline, value: n },
            );
        }
    }

    fn text(s: &Str) -> String {
        nfc(s.get_ref().trim()).into_owned()
    }

    /// Checks that an id or code is ASCII `[A-Za-z0-9._-]+`.
    fn code(&mut self, file: usize, s: &Str, what: Thing) -> String {
        let value = s.get_ref().trim();
        let valid = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !valid {
            self.err(
                file,
                s.span(),
                Message::BadCode {
                    what,
                    value: value.to_string(),
                },
            );
        }
        value.to_string()
    }

    fn date(
        &mut self,
        file: usize,
        value: &toml::Spanned<toml::value::Datetime>,
    ) -> Option<NaiveDate> {
        let date = calendar_date(value.get_ref());
        if date.is_none() {
            self.err(
                file,
                value.span(),
                Message::BadDate {
                    found: value.get_ref().to_string(),
                },
            );
        }
        date
    }

    fn year(&mut self, file: usize, value: &toml::Spanned<i64>) -> i32 {
        match i32::try_from(*value.get_ref()) {
            Ok(year) if (1900..=2200).contains(&year) => year,
            _ => {
                self.err(
                    file,
                    value.span(),
                    Message::ImplausibleYear {
                        value: *value.get_ref(),
                    },
                );
                0
            }
        }
    }

    /// Reports every id that occurs twice among `items`, pointing at the first.
    fn unique<'i>(&mut self, items: impl Iterator<Item = (usize, &'i Str)>, what: Thing) {
        let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
        for (file, id) in items {
            let key = id.get_ref().trim();
            match seen.get(key) {
                Some(&(first_file, first_offset)) => {
                    let source = &self.raw.files[first_file];
                    let message = Message::DuplicateId {
                        what,
                        id: key.to_string(),
                        first_file: source.display.clone(),
                        first_line: source.line_of(first_offset),
                    };
                    let d = self.raw.error(file, id.span(), message);
                    self.out.push(d);
                }
                None => {
                    seen.insert(key, (file, id.span().start));
                }
            }
        }
    }

    /// Ids of entries of `table` that could not be read (already reported).
    fn unreadable(&self, table: &str) -> impl Iterator<Item = &str> {
        self.raw
            .unreadable
            .iter()
            .filter(move |(t, _)| *t == table)
            .map(|(_, id)| id.as_str())
    }

    fn plan(&mut self) -> Option<Plan> {
        let raw = self.raw;
        let meta = self.meta();
        let report = self.report();

        // Units and groups share one namespace of codes.
        let codes = raw
            .units
            .iter()
            .map(|u| (u.file, &u.raw.code))
            .chain(raw.groups.iter().map(|g| (g.file, &g.raw.code)));
        self.unique(codes, Thing::UnitOrGroup);
        self.unique(
            raw.sections.iter().map(|s| (s.file, &s.raw.id)),
            Thing::Section,
        );
        self.unique(raw.tasks.iter().map(|t| (t.file, &t.raw.id)), Thing::Task);
        self.unique(
            raw.indicators.iter().map(|i| (i.file, &i.raw.id)),
            Thing::Indicator,
        );

        let names: HashMap<&str, Named> = raw
            .units
            .iter()
            .map(|u| (u.raw.code.get_ref().trim(), Named::Unit))
            .chain(
                raw.groups
                    .iter()
                    .map(|g| (g.raw.code.get_ref().trim(), Named::Group)),
            )
            .chain(
                raw.unreadable
                    .iter()
                    .filter_map(|(table, code)| match *table {
                        "[[unit]]" => Some((code.as_str(), Named::Unit)),
                        "[[group]]" => Some((code.as_str(), Named::Group)),
                        _ => None,
                    }),
            )
            .collect();

        let units: Vec<Unit> = raw.units.iter().map(|u| self.unit(u, &names)).collect();
        let groups: Vec<Group> = raw.groups.iter().map(|g| self.group(g, &names)).collect();
        let sections: Vec<Section> = raw.sections.iter().map(|s| self.section(s)).collect();
        let indicators: Vec<Indicator> = raw
            .indicators
            .iter()
            .map(|i| self.indicator(i, &names, meta.as_ref()))
            .collect();
        let tasks: Vec<Task> = raw
            .tasks
            .iter()
            .map(|t| self.task(t, &names, &sections, &indicators, meta.as_ref()))
            .collect();
        let handovers: Vec<Handover> = raw
            .handovers
            .iter()
            .filter_map(|h| self.handover(h, &units, &groups, &tasks, &indicators))
            .collect();

        if let (Some(meta), Some(item)) = (&meta, raw.meta.first())
            && names.get(meta.coordinator.as_str()) != Some(&Named::Unit)
        {
            let span = item.raw.coordinator.span();
            self.err(
                item.file,
                span,
                Message::UnknownRef {
                    what: Thing::Unit,
                    value: meta.coordinator.clone(),
                },
            );
        }
        if !self.out.is_empty() {
            // Years and references may be wrong: nothing to work assignments out from.
            return None;
        }
        Some(Plan::new(PlanParts {
            meta: meta?,
            report,
            units,
            groups,
            sections,
            tasks,
            indicators,
            handovers,
        }))
    }

    fn meta(&mut self) -> Option<PlanMeta> {
        let raw = self.raw;
        let Some(first) = raw.meta.first() else {
            let already_reported =
                raw.unreadable_files > 0 || self.unreadable("[plan]").next().is_some();
            if !raw.files.is_empty() && !already_reported {
                let file = raw
                    .files
                    .iter()
                    .position(|f| f.display.ends_with("plan.toml"))
                    .unwrap_or(0);
                self.err(file, 0..0, Message::NoPlanTable);
            }
            return None;
        };
        for extra in &raw.meta[1..] {
            self.err(extra.file, extra.span.clone(), Message::SecondPlanTable);
        }
        let (file, m) = (first.file, &first.raw);
        let issued = self.date(file, &m.issued);
        let start_year = self.year(file, &m.start_year);
        let end_year = self.year(file, &m.end_year);
        if start_year > end_year {
            self.err(
                file,
                m.end_year.span(),
                Message::EndBeforeStart {
                    start: start_year,
                    end: end_year,
                },
            );
        }
        let due_before = parse_month_day(m.due_before.get_ref().trim());
        if due_before.is_none() {
            self.err(
                file,
                m.due_before.span(),
                Message::BadDueBefore {
                    value: m.due_before.get_ref().clone(),
                },
            );
        }
        let language = match &m.language {
            None => Some(Lang::default()),
            Some(value) => match value.get_ref().trim() {
                "vi" => Some(Lang::Vi),
                "en" => Some(Lang::En),
                other => {
                    let value = other.to_string();
                    self.err(
                        file,
                        m.language.as_ref().map_or(0..0, toml::Spanned::span),
                        Message::UnknownLanguage { value },
                    );
                    None
                }
            },
        };
        Some(PlanMeta {
            id: Self::text(&m.id),
            title: Self::text(&m.title),
            issuer: Self::text(&m.issuer),
            issued: issued?,
            implements: m.implements.as_ref().map(Self::text),
            start_year,
            end_year,
            coordinator: m.coordinator.get_ref().trim().to_string(),
            due_before: due_before?,
            language: language?,
        })
    }

    fn report(&mut self) -> ReportSettings {
        let raw = self.raw;
        for extra in raw.report.iter().skip(1) {
            self.err(extra.file, extra.span.clone(), Message::SecondReportTable);
        }
        let Some(r) = raw.report.first() else {
            return ReportSettings::default();
        };
        let keys = ReportKeys {
            place: self.line(r.file, "place", r.raw.place.as_ref()),
            issuer_parent: self.line(r.file, "issuer_parent", r.raw.issuer_parent.as_ref()),
            signer_title: self.line(r.file, "signer_title", r.raw.signer_title.as_ref()),
            deputy_title: self.line(r.file, "deputy_title", r.raw.deputy_title.as_ref()),
            signer_name: self.line(r.file, "signer_name", r.raw.signer_name.as_ref()),
            recipients: r.raw.recipients.iter().map(Self::text).collect(),
        };
        if let (Some(deputy), None) = (&r.raw.deputy_title, &r.raw.signer_title) {
            self.err(r.file, deputy.span(), Message::DeputyWithoutHead);
        }
        let mut changes: Vec<ReportChange> = Vec::new();
        for change in &r.raw.change {
            let (span, c) = (change.span(), change.get_ref());
            let Some(since) = self.date(r.file, &c.since) else {
                continue;
            };
            if changes.iter().any(|earlier| earlier.since == since) {
                self.err(r.file, c.since.span(), Message::SecondChange { since });
            }
            let keys = ReportKeys {
                place: self.line(r.file, "place", c.place.as_ref()),
                issuer_parent: self.line(r.file, "issuer_parent", c.issuer_parent.as_ref()),
                signer_title: self.line(r.file, "signer_title", c.signer_title.as_ref()),
                deputy_title: self.line(r.file, "deputy_title", c.deputy_title.as_ref()),
                signer_name: self.line(r.file, "signer_name", c.signer_name.as_ref()),
                recipients: c
                    .recipients
                    .as_ref()
                    .map(|list| list.iter().map(Self::text).collect()),
            };
            if keys == ReportKeys::default() {
                self.err(r.file, span, Message::EmptyChange);
            }
            changes.push(ReportChange { since, keys });
        }
        changes.sort_by_key(|c| c.since);
        ReportSettings { keys, changes }
    }

    /// A line of the report's header or footer: not empty when given.
    fn line(&mut self, file: usize, key: &str, value: Option<&Str>) -> Option<String> {
        let value = value?;
        let text = Self::text(value);
        if text.is_empty() {
            self.err(
                file,
                value.span(),
                Message::EmptyKey {
                    key: key.to_string(),
                },
            );
        }
        Some(text)
    }

    /// A `[[handover]]`: both units known, and every task or indicator it names one
    /// that `from` has a part in.
    fn handover(
        &mut self,
        item: &Item<crate::load::plan::RawHandover>,
        units: &[Unit],
        groups: &[Group],
        tasks: &[Task],
        indicators: &[Indicator],
    ) -> Option<Handover> {
        let (file, h) = (item.file, &item.raw);
        let from = self.handover_unit(file, &h.from, units, groups);
        let to = self.handover_unit(file, &h.to, units, groups);
        let since = self.date(file, &h.since);
        let (from, to, since) = (from?, to?, since?);
        if from == to {
            self.err(file, h.to.span(), Message::HandoverToItself);
        }
        let moves = self.handover_moves(item, &from, units, groups, tasks, indicators);
        Some(Handover {
            from,
            to,
            since,
            moves,
        })
    }

    /// One end of a handover: a unit the plan knows (a group cannot hand over or take over).
    fn handover_unit(
        &mut self,
        file: usize,
        code: &Str,
        units: &[Unit],
        groups: &[Group],
    ) -> Option<String> {
        let value = code.get_ref().trim();
        if units.iter().any(|u| u.code == value) {
            Some(value.to_string())
        } else {
            let value = value.to_string();
            let message = if groups.iter().any(|g| g.code == value) {
                Message::HandoverOfGroup { value }
            } else {
                Message::UnknownRef {
                    what: Thing::Unit,
                    value,
                }
            };
            self.err(file, code.span(), message);
            None
        }
    }

    /// What a handover moves: everything `from` does, or the tasks and indicators it lists,
    /// each one known and one that `from` has a part in.
    fn handover_moves(
        &mut self,
        item: &Item<crate::load::plan::RawHandover>,
        from: &str,
        units: &[Unit],
        groups: &[Group],
        tasks: &[Task],
        indicators: &[Indicator],
    ) -> Moves {
        let (file, h) = (item.file, &item.raw);
        match (&h.tasks, &h.indicators) {
            (None, None) => Moves::All,
            (task_ids, indicator_ids) => {
                let task_ids = task_ids.as_deref().unwrap_or_default();
                let indicator_ids = indicator_ids.as_deref().unwrap_or_default();
                if task_ids.is_empty() && indicator_ids.is_empty() {
                    self.err(file, item.span.clone(), Message::HandoverOfNothing);
                }
                let raw = self.raw;
                // Who may pass the item on: the units its lists name, then whoever takes
                // their work, as successor or by a handover that moves it.
                let has_part = |kind: Kind, id: &str, named: &[String]| {
                    let moves: Vec<(&str, &str)> = raw
                        .handovers
                        .iter()
                        .map(|h| &h.raw)
                        .filter(|h| {
                            let list = match kind {
                                Kind::Task => &h.tasks,
                                Kind::Indicator => &h.indicators,
                            };
                            match (list, &h.tasks, &h.indicators) {
                                (_, None, None) => true,
                                (Some(list), ..) => list.iter().any(|x| x.get_ref().trim() == id),
                                (None, ..) => false,
                            }
                        })
                        .map(|h| (h.from.get_ref().trim(), h.to.get_ref().trim()))
                        .collect();
                    takes_part(from, expand(named, groups), units, &moves)
                };
                let mut named = |list: &[Str], kind: Kind| {
                    let mut out = Vec::new();
                    for id in list {
                        let value = id.get_ref().trim();
                        let lists: Option<Vec<String>> = match kind {
                            Kind::Task => tasks
                                .iter()
                                .find(|t| t.id == value)
                                .map(|t| [t.lead.as_slice(), &t.support].concat()),
                            Kind::Indicator => indicators
                                .iter()
                                .find(|i| i.id == value)
                                .map(|i| i.reporters.clone()),
                        };
                        let what = match kind {
                            Kind::Task => Thing::Task,
                            Kind::Indicator => Thing::Indicator,
                        };
                        match lists {
                            None => {
                                let value = value.to_string();
                                self.err(file, id.span(), Message::UnknownRef { what, value });
                            }
                            Some(lists) if !has_part(kind, value, &lists) => {
                                let message = Message::NoPartToHandOver {
                                    unit: from.to_string(),
                                    what,
                                    value: value.to_string(),
                                };
                                self.err(file, id.span(), message);
                            }
                            Some(_) => {}
                        }
                        out.push(value.to_string());
                    }
                    out
                };
                Moves::Only {
                    tasks: named(task_ids, Kind::Task),
                    indicators: named(indicator_ids, Kind::Indicator),
                }
            }
        }
    }

    /// Checks that every code in `list` names a unit or group (or only units).
    fn refs(
        &mut self,
        file: usize,
        list: &[Str],
        names: &HashMap<&str, Named>,
        units_only: bool,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for code in list {
            let value = code.get_ref().trim();
            match names.get(value) {
                Some(Named::Group) if units_only => {
                    self.err(
                        file,
                        code.span(),
                        Message::GroupNotUnit {
                            value: value.to_string(),
                        },
                    );
                }
                Some(_) => {}
                None => {
                    let what = if units_only {
                        Thing::Unit
                    } else {
                        Thing::UnitOrGroup
                    };
                    let value = value.to_string();
                    self.err(file, code.span(), Message::UnknownRef { what, value });
                }
            }
            out.push(value.to_string());
        }
        out
    }

    fn unit(
        &mut self,
        item: &Item<crate::load::plan::RawUnit>,
        names: &HashMap<&str, Named>,
    ) -> Unit {
        let (file, u) = (item.file, &item.raw);
        let code = self.code(file, &u.code, Thing::Unit);
        let other = u.kind.get_ref().trim();
        let kind = match UnitKind::from_keyword(other) {
            Some(kind) => kind,
            None => {
                self.err(
                    file,
                    u.kind.span(),
                    Message::UnknownUnitKind {
                        value: other.to_string(),
                    },
                );
                UnitKind::Organization
            }
        };
        let since = u.since.as_ref().and_then(|d| self.date(file, d));
        let until = u.until.as_ref().and_then(|d| self.date(file, d));
        if let (Some(s), Some(e), Some(span)) =
            (since, until, u.until.as_ref().map(toml::Spanned::span))
            && s > e
        {
            self.err(file, span, Message::UntilBeforeSince { since: s, until: e });
        }
        let successor = u.successor.as_ref().map(|s| {
            let found = self.refs(file, std::slice::from_ref(s), names, true);
            if u.until.is_none() {
                self.err(file, s.span(), Message::SuccessorWithoutUntil);
            }
            if s.get_ref().trim() == code {
                self.err(file, s.span(), Message::OwnSuccessor);
            }
            found.into_iter().next().unwrap_or_default()
        });
        Unit {
            code,
            name: Self::text(&u.name),
            kind,
            since,
            until,
            successor,
            reports: u.reports.unwrap_or(true),
        }
    }

    fn group(
        &mut self,
        item: &Item<crate::load::plan::RawGroup>,
        names: &HashMap<&str, Named>,
    ) -> Group {
        let (file, g) = (item.file, &item.raw);
        let code = self.code(file, &g.code, Thing::Group);
        let members = if g.members.iter().any(|m| m.get_ref().trim() == "*") {
            if g.members.len() > 1 {
                self.err(file, g.members[0].span(), Message::StarNotAlone);
            }
            Members::Any
        } else {
            if g.members.is_empty() {
                self.err(
                    file,
                    item.span.clone(),
                    Message::NoMembers {
                        group: code.clone(),
                    },
                );
            }
            Members::Units(self.refs(file, &g.members, names, true))
        };
        Group {
            code,
            name: Self::text(&g.name),
            members,
        }
    }

    fn section(&mut self, item: &Item<crate::load::plan::RawSection>) -> Section {
        let (file, s) = (item.file, &item.raw);
        let id = self.code(file, &s.id, Thing::Section);
        let parent = s.parent.as_ref().map(|p| {
            let value = p.get_ref().trim();
            if !self
                .raw
                .sections
                .iter()
                .any(|s| s.raw.id.get_ref().trim() == value)
            {
                let what = Thing::Section;
                let value = value.to_string();
                self.err(file, p.span(), Message::UnknownRef { what, value });
            }
            value.to_string()
        });
        Section {
            id,
            title: Self::text(&s.title),
            parent,
        }
    }

    fn task(
        &mut self,
        item: &Item<crate::load::plan::RawTask>,
        names: &HashMap<&str, Named>,
        sections: &[Section],
        indicators: &[Indicator],
        meta: Option<&PlanMeta>,
    ) -> Task {
        let (file, t) = (item.file, &item.raw);
        let id = self.code(file, &t.id, Thing::Task);
        let section = t.section.get_ref().trim().to_string();
        if !sections.iter().any(|s| s.id == section)
            && !self.unreadable("[[section]]").any(|s| s == section)
        {
            self.err(
                file,
                t.section.span(),
                Message::UnknownRef {
                    what: Thing::Section,
                    value: section.clone(),
                },
            );
        }
        if t.lead.get_ref().is_empty() {
            self.err(file, t.lead.span(), Message::NoLead { task: id.clone() });
        }
        let lead = self.refs(file, t.lead.get_ref(), names, false);
        let support = self.refs(file, &t.support, names, false);
        let schedule = t.schedule.as_ref().and_then(|s| {
            let parsed = parse_schedule(s.get_ref().trim());
            match (parsed, meta) {
                (None, _) => self.err(
                    file,
                    s.span(),
                    Message::BadSchedule {
                        value: s.get_ref().clone(),
                    },
                ),
                (Some(sched), Some(meta)) => {
                    let years = match sched {
                        Schedule::Recurring => vec![],
                        Schedule::Year(y) => vec![y],
                        Schedule::Range(a, b) => vec![a, b],
                    };
                    if years
                        .iter()
                        .any(|y| !(meta.start_year..=meta.end_year).contains(y))
                    {
                        self.err(
                            file,
                            s.span(),
                            Message::ScheduleOutside {
                                value: s.get_ref().clone(),
                                start: meta.start_year,
                                end: meta.end_year,
                            },
                        );
                    }
                }
                _ => {}
            }
            parsed
        });
        let mut linked = Vec::new();
        for ind in &t.indicators {
            let value = ind.get_ref().trim();
            if !indicators.iter().any(|i| i.id == value)
                && !self.unreadable("[[indicator]]").any(|i| i == value)
            {
                let what = Thing::Indicator;
                let value = value.to_string();
                self.err(file, ind.span(), Message::UnknownRef { what, value });
            }
            linked.push(value.to_string());
        }
        Task {
            id,
            section,
            title: Self::text(&t.title),
            text: Self::text(&t.text),
            lead,
            support,
            schedule,
            indicators: linked,
        }
    }

    fn indicator(
        &mut self,
        item: &Item<crate::load::plan::RawIndicator>,
        names: &HashMap<&str, Named>,
        meta: Option<&PlanMeta>,
    ) -> Indicator {
        let (file, i) = (item.file, &item.raw);
        let id = self.code(file, &i.id, Thing::Indicator);
        let other = i.measure.get_ref().trim();
        let measure = match Measure::from_keyword(other) {
            Some(measure) => measure,
            None => {
                self.err(
                    file,
                    i.measure.span(),
                    Message::UnknownMeasure {
                        value: other.to_string(),
                    },
                );
                Measure::Level
            }
        };
        let other = i.aggregate.get_ref().trim();
        let aggregate = match Aggregate::from_keyword(other) {
            Some(aggregate) => aggregate,
            None => {
                self.err(
                    file,
                    i.aggregate.span(),
                    Message::UnknownAggregate {
                        value: other.to_string(),
                    },
                );
                Aggregate::Single
            }
        };
        if i.reporters.get_ref().is_empty() {
            self.err(
                file,
                i.reporters.span(),
                Message::NoReporter {
                    indicator: id.clone(),
                },
            );
        }
        let reporters = self.refs(file, i.reporters.get_ref(), names, false);
        let period = meta.map(|m| (m.start_year, m.end_year));
        let percent = MeasureUnit::parse(&Self::text(&i.unit)) == MeasureUnit::Percent;
        let baseline = i.baseline.as_ref().map(|b| {
            self.number(file, &b.get_ref().value, percent, true);
            let year = self.year(file, &b.get_ref().year);
            if let Some((_, end)) = period
                && year > end
            {
                self.err(
                    file,
                    b.get_ref().year.span(),
                    Message::BaselineAfterEnd { year, end },
                );
            }
            Baseline {
                year,
                value: *b.get_ref().value.get_ref(),
            }
        });
        let targets = self.targets(file, &i.targets, percent, period);
        Indicator {
            id,
            name: Self::text(&i.name),
            unit: MeasureUnit::parse(&Self::text(&i.unit)),
            measure,
            aggregate,
            reporters,
            baseline,
            targets,
            target_text: i.target_text.as_ref().map(Self::text),
        }
    }

    /// An indicator's targets by year: each inside the plan's period, with a bound, its
    /// minimum not above its maximum, one a year.
    fn targets(
        &mut self,
        file: usize,
        raw_targets: &[toml::Spanned<crate::load::plan::RawTarget>],
        percent: bool,
        period: Option<(i32, i32)>,
    ) -> Vec<Target> {
        let mut targets = Vec::new();
        for t in raw_targets {
            let raw = t.get_ref();
            let year = self.year(file, &raw.year);
            if let Some((start, end)) = period
                && !(start..=end).contains(&year)
            {
                self.err(
                    file,
                    raw.year.span(),
                    Message::TargetOutside { year, start, end },
                );
            }
            for bound in [&raw.min, &raw.max].into_iter().flatten() {
                self.number(file, bound, percent, false);
            }
            let min = raw.min.as_ref().map(|m| *m.get_ref());
            let max = raw.max.as_ref().map(|m| *m.get_ref());
            match (min, max, &raw.min) {
                (None, None, _) => self.err(file, t.span(), Message::TargetWithoutBound { year }),
                (Some(lo), Some(hi), Some(at)) if lo > hi => {
                    self.err(file, at.span(), Message::MinAboveMax { min: lo, max: hi });
                }
                _ => {}
            }
            if targets.iter().any(|t: &Target| t.year == year) {
                self.err(file, raw.year.span(), Message::SecondTarget { year });
            }
            targets.push(Target { year, min, max });
        }
        targets.sort_by_key(|t| t.year);
        targets
    }
}

/// `"11-20"` as (11, 20); any day valid in a leap year is accepted.
fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (month, day) = s.split_once('-')?;
    let (month, day) = (month.parse().ok()?, day.parse().ok()?);
    NaiveDate::from_ymd_opt(2000, month, day).map(|_| (month, day))
}

/// `"recurring"`, `"2025"` or `"2024-2025"`.
fn parse_schedule(s: &str) -> Option<Schedule> {
    if s == "recurring" {
        return Some(Schedule::Recurring);
    }
    let year = |y: &str| (y.len() == 4).then(|| y.parse::<i32>().ok()).flatten();
    match s.split_once('-') {
        None => year(s).map(Schedule::Year),
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b)?);
            (a <= b).then_some(Schedule::Range(a, b))
        }
    }
}

/// The units a list of unit and group codes names, groups expanded.
fn expand<'a>(codes: &'a [String], groups: &'a [Group]) -> Vec<&'a str> {
    let mut out = Vec::new();
    for code in codes {
        match groups.iter().find(|g| &g.code == code).map(|g| &g.members) {
            Some(Members::Units(members)) => out.extend(members.iter().map(String::as_str)),
            Some(Members::Any) => {}
            None => out.push(code.as_str()),
        }
    }
    out
}

/// True when `unit` has a part in what the units `named` hold: it is one of them, or it
/// takes the work of one of them, as successor or by one of `moves` (from, to), down
/// the chain.
fn takes_part<'a>(
    unit: &str,
    named: Vec<&'a str>,
    units: &'a [Unit],
    moves: &[(&'a str, &'a str)],
) -> bool {
    let mut reached = named;
    let mut next = 0;
    while let Some(&at) = reached.get(next) {
        if at == unit {
            return true;
        }
        let successor = units
            .iter()
            .filter(|u| u.code == at)
            .filter_map(|u| u.successor.as_deref());
        let to = moves
            .iter()
            .filter(|(from, _)| *from == at)
            .map(|(_, to)| *to);
        for taker in successor.chain(to).collect::<Vec<_>>() {
            if !reached.contains(&taker) {
                reached.push(taker);
            }
        }
        next += 1;
    }
    false
}
