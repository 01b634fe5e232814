//! Who leads, supports and reports what in each year of the plan: worked out once, when
//! the plan is validated, and looked up by every command. For each year, at its due
//! date, every unit named by a task or indicator (groups expanded) passes its part on
//! to whoever holds it then: dated handovers first, then successors, down the chain.

use std::sync::Arc;

use chrono::NaiveDate;

use super::index::{IdMap, Index, index};
use super::{Group, Handover, Indicator, Kind, Members, Moves, PlanMeta, Role, Task, Unit};

/// The plan's codes and ids indexed, and every year's assignments.
#[derive(Debug, Clone, Default)]
pub struct Assignments {
    start_year: i32,
    units: Index<String>,
    /// Task and indicator ids, with their positions: one lookup finds both.
    ids: IdMap<String, Known>,
    task_count: usize,
    indicator_count: usize,
    /// Per task: any unit may lead it (a `["*"]` group in its lead list).
    open_lead: Vec<bool>,
    /// Per task: any unit may support it.
    open_support: Vec<bool>,
    /// Per indicator: any unit may report it.
    open_reporters: Vec<bool>,
    /// One table per plan year, first to last; a year whose table is the same as the
    /// year before's shares it (a national plan's tables take megabytes each).
    years: Vec<Arc<Year>>,
}

/// What the plan knows of an id: its position among the tasks and among the indicators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Known {
    /// The position of the task with this id.
    pub task: Option<usize>,
    /// The position of the indicator with this id.
    pub indicator: Option<usize>,
}

/// Every task's and indicator's id with its positions; of two tasks (or indicators) with
/// one id, the first is the one the plan means.
fn known_ids(tasks: &[Task], indicators: &[Indicator]) -> IdMap<String, Known> {
    let mut ids: IdMap<String, Known> = IdMap::default();
    for (t, task) in tasks.iter().enumerate() {
        let known = ids.entry(task.id.clone()).or_default();
        known.task.get_or_insert(t);
    }
    for (i, indicator) in indicators.iter().enumerate() {
        let known = ids.entry(indicator.id.clone()).or_default();
        known.indicator.get_or_insert(i);
    }
    ids
}

/// One year's assignments.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Year {
    /// `roles[unit * tasks + task]`: the unit's own role in the task; lead wins.
    roles: Vec<Option<Role>>,
    /// `reports[unit * indicators + indicator]`: the unit reports the indicator.
    reports: Vec<bool>,
    /// Per task: the units holding its lead list, in the list's order, once each.
    leads: Vec<Positions>,
    /// Per task: the units holding its support list and not leading it, in the list's
    /// order, once each.
    supports: Vec<Positions>,
    /// Per indicator: the units holding its reporters list, in order, once each.
    reporters: Vec<Positions>,
    /// The units expected to report, in the plan's unit order.
    expected: Vec<usize>,
    /// Per unit: who holds what no handover of a named part moves (the unit itself
    /// while it exists, else its successor), if anyone exists then.
    rest: Vec<Option<usize>>,
    /// The parts of units' work held by someone other than the holder of the rest
    /// (a handover named them), by unit, then part.
    moved: Vec<Moved>,
}

/// A part of a unit's work that a handover gave to another unit than the one holding
/// the rest of its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moved {
    /// The unit named by the plan (by position).
    pub unit: usize,
    /// The task or indicator (by position).
    pub part: (Kind, usize),
    /// Who holds it (by position).
    pub holder: usize,
}

/// What the assignments are worked out from: the plan's parts, by reference.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sources<'a> {
    pub(super) meta: &'a PlanMeta,
    pub(super) units: &'a [Unit],
    pub(super) groups: &'a [Group],
    pub(super) tasks: &'a [Task],
    pub(super) indicators: &'a [Indicator],
    pub(super) handovers: &'a [Handover],
}

impl<'a> Sources<'a> {
    /// The parts of a plan, by reference.
    pub(super) fn of(parts: &'a super::PlanParts) -> Sources<'a> {
        Sources {
            meta: &parts.meta,
            units: &parts.units,
            groups: &parts.groups,
            tasks: &parts.tasks,
            indicators: &parts.indicators,
            handovers: &parts.handovers,
        }
    }
}

impl Assignments {
    /// Indexes the plan and works out the assignments of every year of its period.
    pub(super) fn new(plan: Sources<'_>) -> Self {
        let groups: IdMap<&str, &Group> =
            plan.groups.iter().map(|g| (g.code.as_str(), g)).collect();
        let is_open = |codes: &[String]| {
            codes.iter().any(|c| {
                groups
                    .get(c.as_str())
                    .is_some_and(|g| g.members == Members::Any)
            })
        };
        let mut out = Assignments {
            start_year: plan.meta.start_year,
            units: index(plan.units.iter().map(|u| &u.code)),
            ids: known_ids(plan.tasks, plan.indicators),
            task_count: plan.tasks.len(),
            indicator_count: plan.indicators.len(),
            open_lead: plan.tasks.iter().map(|t| is_open(&t.lead)).collect(),
            open_support: plan.tasks.iter().map(|t| is_open(&t.support)).collect(),
            open_reporters: plan
                .indicators
                .iter()
                .map(|i| is_open(&i.reporters))
                .collect(),
            years: Vec::new(),
        };
        let named = Named::new(&out, &groups, plan);
        let handovers = Handovers::new(&out, plan);
        let changes = Changes::of(plan);
        let mut years: Vec<Arc<Year>> = Vec::new();
        let mut due_before: Option<NaiveDate> = None;
        for year in plan.meta.start_year..=plan.meta.end_year {
            let due = due_date(plan.meta, year);
            let unchanged = due_before.is_some_and(|before| !changes.between(before, due));
            let shared = match years.last() {
                Some(last) if unchanged => Arc::clone(last),
                _ => {
                    let worked_out = out.work_out(plan, &named, &handovers, due);
                    match years.last() {
                        Some(last) if **last == worked_out => Arc::clone(last),
                        _ => Arc::new(worked_out),
                    }
                }
            };
            years.push(shared);
            due_before = Some(due);
        }
        out.years = years;
        out
    }

    /// The position of the unit with this code in the plan's list.
    pub fn unit_index(&self, code: &str) -> Option<usize> {
        self.units.get(code).copied()
    }

    /// The position of the task with this id in the plan's list.
    pub fn task_index(&self, id: &str) -> Option<usize> {
        self.known(id).task
    }

    /// The position of the indicator with this id in the plan's list.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.known(id).indicator
    }

    /// What the plan knows of an id, in one lookup: a task's position, an indicator's,
    /// or both when a task and an indicator share it.
    pub fn known(&self, id: &str) -> Known {
        self.ids.get(id).copied().unwrap_or_default()
    }

    /// The duties of a unit in a year; a unit or year the plan does not know has none.
    pub fn of(&self, unit: &str, year: i32) -> Duties<'_> {
        Duties {
            assignments: self,
            year: self.unit_index(unit).and(self.year(year)),
            unit: self.unit_index(unit).unwrap_or(0),
        }
    }

    /// The units (by position) holding task `task`'s lead list in `year`, in the
    /// list's order.
    pub fn leads(&self, task: usize, year: i32) -> &[u32] {
        self.year(year)
            .and_then(|y| y.leads.get(task))
            .map_or(&[], |p| &p[..])
    }

    /// The units (by position) holding task `task`'s support list in `year`.
    pub fn supports(&self, task: usize, year: i32) -> &[u32] {
        self.year(year)
            .and_then(|y| y.supports.get(task))
            .map_or(&[], |p| &p[..])
    }

    /// The units (by position) holding indicator `indicator`'s reporters in `year`.
    pub fn reporters(&self, indicator: usize, year: i32) -> &[u32] {
        self.year(year)
            .and_then(|y| y.reporters.get(indicator))
            .map_or(&[], |p| &p[..])
    }

    /// The units (by position) expected to report for `year`, in the plan's unit order.
    pub fn expected(&self, year: i32) -> &[usize] {
        self.year(year).map_or(&[], |y| y.expected.as_slice())
    }

    /// Who (by position) holds unit `unit`'s assignments in `year`, apart from the
    /// parts a handover names: the unit itself while it exists, else its successor.
    pub fn rest(&self, unit: usize, year: i32) -> Option<usize> {
        self.year(year)
            .and_then(|y| y.rest.get(unit).copied().flatten())
    }

    /// The parts of unit `unit`'s work (by position) that a handover gave to another
    /// unit than the holder of the rest in `year`, in plan order of parts.
    pub fn moved(&self, unit: usize, year: i32) -> &[Moved] {
        let Some(y) = self.year(year) else {
            return &[];
        };
        let start = y.moved.partition_point(|m| m.unit < unit);
        let end = y.moved.partition_point(|m| m.unit <= unit);
        &y.moved[start..end]
    }

    /// True when any unit may lead (or else support) the task: a `["*"]` group.
    pub fn open_role(&self, task: usize) -> Option<Role> {
        if self.open_lead.get(task).copied().unwrap_or(false) {
            Some(Role::Lead)
        } else if self.open_support.get(task).copied().unwrap_or(false) {
            Some(Role::Support)
        } else {
            None
        }
    }

    /// True when any unit may report the indicator.
    pub fn open_reporting(&self, indicator: usize) -> bool {
        self.open_reporters.get(indicator).copied().unwrap_or(false)
    }

    /// The table of `year`; `None` outside the plan.
    fn year(&self, year: i32) -> Option<&Year> {
        let index = usize::try_from(year.checked_sub(self.start_year)?).ok()?;
        self.years.get(index).map(|y| &**y)
    }

    /// Works out one year's table: who holds each unit's parts at the year's due date,
    /// then who leads and supports each task, who reports each indicator, and who is
    /// expected to report.
    fn work_out(
        &self,
        plan: Sources<'_>,
        named: &Named,
        handovers: &Handovers,
        due: NaiveDate,
    ) -> Year {
        let units = plan.units;
        let (tasks, indicators) = (self.task_count, self.indicator_count);
        let mut holders = Holders::new(units, handovers, due);
        let (roles, leads, supports) = hold_tasks(&named.tasks, &mut holders, tasks);
        let (reports, reporters) = hold_indicators(&named.indicators, &mut holders, indicators);
        let expected = expected_units(units, &roles, tasks, &reports, indicators);
        let Holders {
            rest, mut moved, ..
        } = holders;
        Year {
            roles,
            reports,
            leads,
            supports,
            reporters,
            expected,
            rest,
            moved: {
                moved.sort_unstable();
                moved.dedup();
                moved
            },
        }
    }
}

/// The days on which who holds what may change: a unit begins or ends, a handover takes
/// effect. A year's table depends on its due date through these alone (each is compared
/// with the due date, and nothing else is), so between two due dates with none of them
/// in between the table stays the same, and a national plan's is worked out once rather
/// than once a year.
struct Changes {
    days: Vec<NaiveDate>,
}

impl Changes {
    fn of(plan: Sources<'_>) -> Changes {
        let units = plan.units.iter().flat_map(|u| [u.since, u.until]).flatten();
        let handovers = plan.handovers.iter().map(|h| h.since);
        Changes {
            days: units.chain(handovers).collect(),
        }
    }

    /// True when a change falls between the two days, both included.
    fn between(&self, a: NaiveDate, b: NaiveDate) -> bool {
        let (first, last) = (a.min(b), a.max(b));
        self.days.iter().any(|d| (first..=last).contains(d))
    }
}

/// Who holds each unit's parts at one due date.
struct Holders<'a> {
    units: &'a [Unit],
    handovers: &'a Handovers,
    due: NaiveDate,
    /// Per unit: who holds the rest of its work (no handover names those parts).
    rest: Vec<Option<usize>>,
    /// The parts found held by someone other than the holder of the rest, as met.
    moved: Vec<Moved>,
}

impl<'a> Holders<'a> {
    fn new(units: &'a [Unit], handovers: &'a Handovers, due: NaiveDate) -> Self {
        Holders {
            units,
            handovers,
            due,
            rest: (0..units.len())
                .map(|u| handovers.holder(units, u, None, due))
                .collect(),
            moved: Vec::new(),
        }
    }

    /// Who holds unit `u`'s part in `item`: the rest's holder, unless a handover
    /// names that part (then noted in `moved`).
    fn of(&mut self, u: usize, item: (Kind, usize)) -> Option<usize> {
        if !self.handovers.name_parts {
            return self.rest[u];
        }
        let holder = self.handovers.holder(self.units, u, Some(item), self.due);
        if let Some(h) = holder.filter(|&h| Some(h) != self.rest[u]) {
            self.moved.push(Moved {
                unit: u,
                part: item,
                holder: h,
            });
        }
        holder
    }
}

/// Each task's lead and support lists passed on to their holders: the roles table
/// (`roles[unit * tasks + task]`, lead wins), then per task its leads and its
/// supports, in the lists' order, once each. The table marks who holds what already,
/// so each list is worked through once, however many units a group names.
fn hold_tasks(
    named: &[(Vec<usize>, Vec<usize>)],
    holders: &mut Holders<'_>,
    tasks: usize,
) -> (Vec<Option<Role>>, Vec<Positions>, Vec<Positions>) {
    let mut roles = vec![None; holders.units.len() * tasks];
    let mut leads = Vec::with_capacity(tasks);
    let mut supports = Vec::with_capacity(tasks);
    for (t, (lead, support)) in named.iter().enumerate() {
        let (mut lead_holders, mut support_holders) = (Vec::new(), Vec::new());
        for h in lead.iter().filter_map(|&u| holders.of(u, (Kind::Task, t))) {
            if roles[h * tasks + t].replace(Role::Lead) != Some(Role::Lead) {
                lead_holders.push(h);
            }
        }
        // Lead wins: a unit that leads the task is not also listed as support.
        for h in support
            .iter()
            .filter_map(|&u| holders.of(u, (Kind::Task, t)))
        {
            if roles[h * tasks + t].is_none() {
                roles[h * tasks + t] = Some(Role::Support);
                support_holders.push(h);
            }
        }
        leads.push(positions(&lead_holders));
        supports.push(positions(&support_holders));
    }
    (roles, leads, supports)
}

/// Each indicator's reporters list passed on to its holders: the reports table
/// (`reports[unit * indicators + indicator]`), then per indicator its reporters, in
/// the list's order, once each.
fn hold_indicators(
    named: &[Vec<usize>],
    holders: &mut Holders<'_>,
    indicators: usize,
) -> (Vec<bool>, Vec<Positions>) {
    let mut reports = vec![false; holders.units.len() * indicators];
    let mut reporters = Vec::with_capacity(indicators);
    for (i, list) in named.iter().enumerate() {
        let mut holders_of_list = Vec::new();
        for h in list
            .iter()
            .filter_map(|&u| holders.of(u, (Kind::Indicator, i)))
        {
            if !std::mem::replace(&mut reports[h * indicators + i], true) {
                holders_of_list.push(h);
            }
        }
        reporters.push(positions(&holders_of_list));
    }
    (reports, reporters)
}

/// The units expected to report, in the plan's unit order: those that report at all
/// and hold some role in a task or some indicator.
fn expected_units(
    units: &[Unit],
    roles: &[Option<Role>],
    tasks: usize,
    reports: &[bool],
    indicators: usize,
) -> Vec<usize> {
    (0..units.len())
        .filter(|&u| units[u].reports)
        .filter(|&u| {
            roles[u * tasks..(u + 1) * tasks]
                .iter()
                .any(Option::is_some)
                || reports[u * indicators..(u + 1) * indicators].contains(&true)
        })
        .collect()
}

/// Units by position, in a list that may name every unit of the country in every year
/// and task: four bytes a unit, and no room to spare.
type Positions = Box<[u32]>;

fn positions(units: &[usize]) -> Positions {
    units
        .iter()
        .map(|&u| u32::try_from(u).expect("fewer than 4 billion units"))
        .collect()
}

/// The day reports for `year` are due before (a 29 February falls on the 28th).
pub(super) fn due_date(meta: &PlanMeta, year: i32) -> NaiveDate {
    let (month, day) = meta.due_before;
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(1)))
        .unwrap_or(NaiveDate::MIN)
}

/// The units (by position) each list names, groups expanded: the same every year.
struct Named {
    /// Per task: its lead list, then its support list.
    tasks: Vec<(Vec<usize>, Vec<usize>)>,
    /// Per indicator: its reporters list.
    indicators: Vec<Vec<usize>>,
}

impl Named {
    fn new(index: &Assignments, groups: &IdMap<&str, &Group>, plan: Sources<'_>) -> Self {
        // Each group's members by position (none for `["*"]`), found once: a national
        // plan's lists name the same few groups of thousands of units again and again.
        let members: IdMap<&str, Vec<usize>> = groups
            .iter()
            .map(|(&code, g)| {
                let units = match &g.members {
                    Members::Units(members) => {
                        members.iter().filter_map(|m| index.unit_index(m)).collect()
                    }
                    Members::Any => Vec::new(),
                };
                (code, units)
            })
            .collect();
        let named = |codes: &[String]| -> Vec<usize> {
            let mut out = Vec::new();
            for code in codes {
                match members.get(code.as_str()) {
                    Some(units) => out.extend_from_slice(units),
                    None => out.extend(index.unit_index(code)),
                }
            }
            out
        };
        Named {
            tasks: plan
                .tasks
                .iter()
                .map(|t| (named(&t.lead), named(&t.support)))
                .collect(),
            indicators: plan
                .indicators
                .iter()
                .map(|i| named(&i.reporters))
                .collect(),
        }
    }
}

/// The handovers, by the unit they move work from, and the successors.
struct Handovers {
    /// Per unit: its handovers, latest `since` first: (since, to, the parts moved).
    from: Vec<Vec<(NaiveDate, usize, Parts)>>,
    /// Per unit: its successor (by position).
    successor: Vec<Option<usize>>,
    /// True when some handover names the parts it moves: then a unit's holder
    /// depends on the task or indicator, down the whole chain.
    name_parts: bool,
}

/// What one handover moves, by position.
#[derive(Clone)]
enum Parts {
    /// Every assignment.
    All,
    /// These tasks and these indicators.
    Only(Vec<usize>, Vec<usize>),
}

impl Handovers {
    fn new(index: &Assignments, plan: Sources<'_>) -> Self {
        let mut from: Vec<Vec<(NaiveDate, usize, Parts)>> = vec![Vec::new(); plan.units.len()];
        for h in plan.handovers {
            let (Some(f), Some(to)) = (index.unit_index(&h.from), index.unit_index(&h.to)) else {
                continue;
            };
            let parts = match &h.moves {
                Moves::All => Parts::All,
                Moves::Only { tasks, indicators } => Parts::Only(
                    tasks.iter().filter_map(|t| index.task_index(t)).collect(),
                    indicators
                        .iter()
                        .filter_map(|i| index.indicator_index(i))
                        .collect(),
                ),
            };
            from[f].push((h.since, to, parts));
        }
        for list in &mut from {
            list.sort_by_key(|h| std::cmp::Reverse(h.0));
        }
        let name_parts = from
            .iter()
            .flatten()
            .any(|(_, _, parts)| matches!(parts, Parts::Only(..)));
        Handovers {
            from,
            successor: plan
                .units
                .iter()
                .map(|u| u.successor.as_deref().and_then(|s| index.unit_index(s)))
                .collect(),
            name_parts,
        }
    }

    /// Who holds unit `unit`'s part in `item` (or, without an item, what no handover of
    /// named parts moves) on `due`: the latest handover in force that moves it, else the
    /// successor once the unit has ended, followed down the chain; nobody when the
    /// holder does not exist then.
    fn holder(
        &self,
        units: &[Unit],
        unit: usize,
        item: Option<(Kind, usize)>,
        due: NaiveDate,
    ) -> Option<usize> {
        let mut current = unit;
        // Each step moves to another unit; a loop (which the plan checks refuse) ends.
        for _ in 0..=units.len() {
            let moved = self.from[current].iter().find(|(since, _, parts)| {
                *since <= due
                    && match (parts, item) {
                        (Parts::All, _) => true,
                        (Parts::Only(tasks, _), Some((Kind::Task, t))) => tasks.contains(&t),
                        (Parts::Only(_, indicators), Some((Kind::Indicator, i))) => {
                            indicators.contains(&i)
                        }
                        (Parts::Only(..), None) => false,
                    }
            });
            current = match (moved, self.successor[current], units[current].until) {
                (Some((_, to, _)), ..) => *to,
                (None, Some(next), Some(until)) if until < due => next,
                _ => break,
            };
        }
        units[current].exists_on(due).then_some(current)
    }
}

/// One unit's duties in one year.
#[derive(Debug, Clone, Copy)]
pub struct Duties<'a> {
    assignments: &'a Assignments,
    year: Option<&'a Year>,
    unit: usize,
}

impl Duties<'_> {
    /// The unit's own role in task `task` (by position); lead wins when it is both.
    pub fn role(&self, task: usize) -> Option<Role> {
        let tasks = self.assignments.task_count;
        self.year
            .and_then(|y| y.roles.get(self.unit * tasks + task).copied())
            .flatten()
    }

    /// The role a row of this unit plays in task `task`: its own, or, where the task
    /// is open to any unit, lead when the lead list is open and support otherwise.
    pub fn row_role(&self, task: usize) -> Option<Role> {
        self.role(task).or_else(|| self.assignments.open_role(task))
    }

    /// True when the unit reports indicator `indicator` (by position) itself, not
    /// only as any unit may.
    pub fn owes_indicator(&self, indicator: usize) -> bool {
        let indicators = self.assignments.indicator_count;
        self.year
            .and_then(|y| y.reports.get(self.unit * indicators + indicator).copied())
            .unwrap_or(false)
    }

    /// True when a row of this unit may give indicator `indicator`.
    pub fn may_report(&self, indicator: usize) -> bool {
        self.owes_indicator(indicator) || self.assignments.open_reporting(indicator)
    }

    /// The tasks (by position) the unit leads or supports, with its role, in plan order.
    pub fn tasks(&self) -> impl Iterator<Item = (usize, Role)> + '_ {
        (0..self.assignments.task_count).filter_map(|t| self.role(t).map(|r| (t, r)))
    }

    /// The indicators (by position) the unit reports itself, in plan order.
    pub fn indicators(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.assignments.indicator_count).filter(|&i| self.owes_indicator(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each year's table, shared with the year before where no unit began or ended and
    /// no handover took effect, is the one worked out for that year alone: in the shipped
    /// plan two districts end and a handover takes effect in 2025.
    #[test]
    fn a_shared_year_is_the_year_worked_out() {
        let plan = crate::check::testing::shipped_plan();
        let parts = &plan.parts;
        let sources = Sources::of(parts);
        let assignments = Assignments::new(sources);
        let groups: IdMap<&str, &Group> =
            parts.groups.iter().map(|g| (g.code.as_str(), g)).collect();
        let named = Named::new(&assignments, &groups, sources);
        let handovers = Handovers::new(&assignments, sources);
        let mut tables = Vec::new();
        for year in plan.years() {
            let due = due_date(&parts.meta, year);
            let alone = assignments.work_out(sources, &named, &handovers, due);
            let shared = assignments.year(year).expect("a year of the plan");
            assert_eq!(*shared, alone, "{year}");
            tables.push(shared.clone());
        }
        // The plan does change within its period, so not every year is the same.
        assert!(tables.windows(2).any(|w| w[0] != w[1]));
    }

    /// One lookup finds an id's task and its indicator; of two tasks with one id, the
    /// first is the one the plan means; an id the plan lacks finds neither.
    #[test]
    fn an_id_finds_its_task_and_its_indicator() {
        let plan = crate::check::testing::shipped_plan();
        let mut tasks = plan.tasks.clone();
        let mut indicators = plan.indicators.clone();
        indicators[0].id = tasks[2].id.clone();
        tasks.push(tasks[1].clone());
        let ids = known_ids(&tasks, &indicators);
        let known = |id: &str| ids.get(id).copied().unwrap_or_default();
        let both = Known {
            task: Some(2),
            indicator: Some(0),
        };
        assert_eq!(known(&tasks[2].id), both);
        assert_eq!(known(&tasks[1].id).task, Some(1));
        assert_eq!(known(&indicators[1].id).indicator, Some(1));
        assert_eq!(known(&indicators[1].id).task, None);
        assert_eq!(plan.assignments().known("9.99"), Known::default());
        assert_eq!(plan.assignments().known(&plan.tasks[3].id).task, Some(3));
    }
}
