//! The one undo history of the app. Every editing command records a step: a scoped snapshot of the rows it is
//! about to change (`shiryo_store::Rows`, read into a `shiryo_store::Patch`), plus the rows it created. Undo
//! puts exactly those rows back and keeps what that changed as the redo step; nothing else in the workspace is
//! written, so an undo never rewinds another screen's work.
//!
//! Steps belong to a [`Scope`]: the 次第 editor (meetings, header, agenda, the list of 資料) or the content of
//! one 資料 (a text body, a 新旧対照表's texts, settings and hand edits, a KPI 資料's tables and the notes on
//! their rows). Ctrl+Z in a screen takes back the last step of that screen's scope, wherever it is in the
//! history. A 次第 step reaches a 資料's content only when it made or removed the 資料 itself: deleting a 資料
//! records it whole, so undo brings it back with everything in it.
//!
//! A command may *continue* the newest step ([`App::recorded_continuing`]): the header saved as it is typed
//! carries the id of the typing (one field, from focus to leaving it), and every save of that typing is one
//! step, whose snapshot is the header before the first of them.

use chrono::NaiveDateTime;
use shiryo_store::{Patch, Rows, Workspace};

use crate::{App, AppError, Result};

/// Steps kept, across all scopes; older ones are forgotten.
pub const UNDO_DEPTH: usize = 100;

/// Which screen a step belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The 次第 editor: meetings, their header and agenda, and which 資料 sit where under what title.
    Shidai,
    /// What is inside one 資料: its text, its 新旧対照表 or its KPI tables.
    Content(i64),
}

#[derive(Debug)]
struct Step {
    scope: Scope,
    /// The meeting the step changed: touched when it is undone, and selected again in the 次第 editor.
    meeting: Option<i64>,
    patch: Patch,
    /// What a later command continues this step with: its own id and the rows it records.
    continued_by: Option<(u64, Vec<Rows>)>,
}

/// Undo and redo stacks, newest last.
#[derive(Debug, Default)]
pub(crate) struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    pub(crate) fn can_undo(&self, scope: Scope) -> bool {
        self.undo.iter().any(|s| s.scope == scope)
    }

    pub(crate) fn can_redo(&self, scope: Scope) -> bool {
        self.redo.iter().any(|s| s.scope == scope)
    }

    /// Records a new step: the scope's redo steps are dropped (they no longer follow), other scopes keep theirs.
    fn push(&mut self, ws: &mut Workspace, step: Step) {
        self.drop_redo(ws, step.scope);
        self.undo.push(step);
        let over = self.undo.len().saturating_sub(UNDO_DEPTH);
        let forgotten: Vec<Step> = self.undo.drain(..over).collect();
        for old in &forgotten {
            // Only a temporary copy is lost if this fails; the workspace is not touched.
            let _ = ws.forget_patch(&old.patch);
        }
    }

    fn drop_redo(&mut self, ws: &mut Workspace, scope: Scope) {
        let (dropped, kept): (Vec<Step>, Vec<Step>) =
            std::mem::take(&mut self.redo).into_iter().partition(|s| s.scope == scope);
        self.redo = kept;
        for old in &dropped {
            let _ = ws.forget_patch(&old.patch);
        }
    }

    /// The newest step of the whole history, when a command of `scope` with `id` over `rows` continues it.
    fn continued(&mut self, scope: Scope, id: u64, rows: &[Rows]) -> Option<&mut Step> {
        self.undo.last_mut().filter(|s| {
            s.scope == scope && s.continued_by.as_ref().is_some_and(|(i, r)| *i == id && r.as_slice() == rows)
        })
    }

    fn take(stack: &mut Vec<Step>, scope: Scope) -> Option<Step> {
        let at = stack.iter().rposition(|s| s.scope == scope)?;
        Some(stack.remove(at))
    }

    /// Forgets everything (another file was restored over the workspace).
    pub(crate) fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

impl App {
    /// Runs one command that changes the rows `rows` select, recording them for undo in `scope`. A command
    /// that fails records nothing.
    pub(crate) fn recorded<T>(
        &mut self,
        scope: Scope,
        meeting: Option<i64>,
        rows: &[Rows],
        run: impl FnOnce(&mut Workspace) -> Result<T>,
    ) -> Result<T> {
        self.recorded_continuing(scope, meeting, rows, None, run)
    }

    /// As [`App::recorded`]; with `continues: Some(id)`, a command that follows one with the same id and rows
    /// (nothing recorded in between) adds no step: the newest one, which holds those rows as they were before
    /// the first command of `id`, now also undoes this one.
    pub(crate) fn recorded_continuing<T>(
        &mut self,
        scope: Scope,
        meeting: Option<i64>,
        rows: &[Rows],
        continues: Option<u64>,
        run: impl FnOnce(&mut Workspace) -> Result<T>,
    ) -> Result<T> {
        if let Some(id) = continues {
            if self.history.continued(scope, id, rows).is_some() {
                let out = run(&mut self.ws)?;
                self.history.drop_redo(&mut self.ws, scope);
                if let Some(step) = self.history.continued(scope, id, rows) {
                    // Rows the first command did not find (created since) are deleted by the undo.
                    self.ws.complete(&mut step.patch, rows)?;
                }
                return Ok(out);
            }
        }
        let mut patch = self.ws.snapshot(rows)?;
        let out = match run(&mut self.ws) {
            Ok(out) => out,
            Err(e) => {
                let _ = self.ws.forget_patch(&patch);
                return Err(e);
            }
        };
        self.ws.complete(&mut patch, rows)?;
        let continued_by = continues.map(|id| (id, rows.to_vec()));
        self.history.push(&mut self.ws, Step { scope, meeting, patch, continued_by });
        Ok(out)
    }

    /// Records, after the fact, rows a command created from nothing (a new meeting): undo deletes them.
    pub(crate) fn record_created(&mut self, scope: Scope, meeting: Option<i64>, rows: &[Rows]) -> Result<()> {
        let mut patch = Patch::default();
        self.ws.complete(&mut patch, rows)?;
        self.history.push(&mut self.ws, Step { scope, meeting, patch, continued_by: None });
        Ok(())
    }

    /// Takes back the last step of `scope`; answers with the meeting it concerned.
    pub(crate) fn step_back(&mut self, scope: Scope, now: NaiveDateTime) -> Result<Option<i64>> {
        let step = History::take(&mut self.history.undo, scope).ok_or(AppError::NothingToUndo)?;
        match self.ws.apply_patch(&step.patch, step.meeting.map(|m| (m, now))) {
            Ok(inverse) => {
                self.history.redo.push(Step { patch: inverse, continued_by: None, ..step });
                Ok(step.meeting)
            }
            Err(e) => {
                self.history.undo.push(step);
                Err(e.into())
            }
        }
    }

    /// Does again the last step of `scope` that was taken back.
    pub(crate) fn step_forward(&mut self, scope: Scope, now: NaiveDateTime) -> Result<Option<i64>> {
        let step = History::take(&mut self.history.redo, scope).ok_or(AppError::NothingToUndo)?;
        match self.ws.apply_patch(&step.patch, step.meeting.map(|m| (m, now))) {
            Ok(inverse) => {
                self.history.undo.push(Step { patch: inverse, continued_by: None, ..step });
                Ok(step.meeting)
            }
            Err(e) => {
                self.history.redo.push(step);
                Err(e.into())
            }
        }
    }
}
