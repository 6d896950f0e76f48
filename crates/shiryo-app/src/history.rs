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
        let (dropped, kept): (Vec<Step>, Vec<Step>) =
            std::mem::take(&mut self.redo).into_iter().partition(|s| s.scope == step.scope);
        self.redo = kept;
        self.undo.push(step);
        let over = self.undo.len().saturating_sub(UNDO_DEPTH);
        let forgotten: Vec<Step> = self.undo.drain(..over).collect();
        for old in dropped.iter().chain(&forgotten) {
            // Only a temporary copy is lost if this fails; the workspace is not touched.
            let _ = ws.forget_patch(&old.patch);
        }
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
        let mut patch = self.ws.snapshot(rows)?;
        let out = match run(&mut self.ws) {
            Ok(out) => out,
            Err(e) => {
                let _ = self.ws.forget_patch(&patch);
                return Err(e);
            }
        };
        self.ws.complete(&mut patch, rows)?;
        self.history.push(&mut self.ws, Step { scope, meeting, patch });
        Ok(out)
    }

    /// Records, after the fact, rows a command created from nothing (a new meeting): undo deletes them.
    pub(crate) fn record_created(&mut self, scope: Scope, meeting: Option<i64>, rows: &[Rows]) -> Result<()> {
        let mut patch = Patch::default();
        self.ws.complete(&mut patch, rows)?;
        self.history.push(&mut self.ws, Step { scope, meeting, patch });
        Ok(())
    }

    /// Takes back the last step of `scope`; answers with the meeting it concerned.
    pub(crate) fn step_back(&mut self, scope: Scope, now: NaiveDateTime) -> Result<Option<i64>> {
        let step = History::take(&mut self.history.undo, scope).ok_or(AppError::NothingToUndo)?;
        match self.ws.apply_patch(&step.patch, step.meeting.map(|m| (m, now))) {
            Ok(inverse) => {
                self.history.redo.push(Step { patch: inverse, ..step });
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
                self.history.undo.push(Step { patch: inverse, ..step });
                Ok(step.meeting)
            }
            Err(e) => {
                self.history.redo.push(step);
                Err(e.into())
            }
        }
    }
}
