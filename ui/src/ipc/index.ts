// The only module that talks to the Rust side. Every command has one typed function here.
import { Channel, invoke } from "@tauri-apps/api/core";

import type { AppErrorDto } from "./generated/AppErrorDto";
import type { OpenMeetingRequest } from "./generated/OpenMeetingRequest";
import type { CreateMeetingRequest } from "./generated/CreateMeetingRequest";
import type { DuplicateMeetingRequest } from "./generated/DuplicateMeetingRequest";
import type { DeleteMeetingRequest } from "./generated/DeleteMeetingRequest";
import type { UpdateHeaderRequest } from "./generated/UpdateHeaderRequest";
import type { AddItemRequest } from "./generated/AddItemRequest";
import type { RenameItemRequest } from "./generated/RenameItemRequest";
import type { DeleteItemRequest } from "./generated/DeleteItemRequest";
import type { MoveItemRequest } from "./generated/MoveItemRequest";
import type { IndentItemRequest } from "./generated/IndentItemRequest";
import type { OutdentItemRequest } from "./generated/OutdentItemRequest";
import type { MoveMaterialRequest } from "./generated/MoveMaterialRequest";
import type { AttachMaterialRequest } from "./generated/AttachMaterialRequest";
import type { EditOutcome } from "./generated/EditOutcome";
import type { MeetingSummary } from "./generated/MeetingSummary";
import type { ShidaiRequest } from "./generated/ShidaiRequest";
import type { ShidaiView } from "./generated/ShidaiView";
import type { WorkspaceInfo } from "./generated/WorkspaceInfo";
import type { MaterialPages } from "./generated/MaterialPages";
import { toAppError } from "./errors";

export type { AgendaLineView } from "./generated/AgendaLineView";
export type { AppErrorDto } from "./generated/AppErrorDto";
export type { ErrorCode } from "./generated/ErrorCode";
export type { MaterialKind } from "./generated/MaterialKind";
export type { MaterialLineView } from "./generated/MaterialLineView";
export type { MeetingSummary } from "./generated/MeetingSummary";
export type { ShidaiRequest } from "./generated/ShidaiRequest";
export type { ShidaiView } from "./generated/ShidaiView";
export type { WorkspaceInfo } from "./generated/WorkspaceInfo";
export type { MaterialPages } from "./generated/MaterialPages";
export type { MaterialPageCount } from "./generated/MaterialPageCount";
export type { OpenMeetingRequest } from "./generated/OpenMeetingRequest";
export type { CreateMeetingRequest } from "./generated/CreateMeetingRequest";
export type { DuplicateMeetingRequest } from "./generated/DuplicateMeetingRequest";
export type { DeleteMeetingRequest } from "./generated/DeleteMeetingRequest";
export type { UpdateHeaderRequest } from "./generated/UpdateHeaderRequest";
export type { AddItemRequest } from "./generated/AddItemRequest";
export type { RenameItemRequest } from "./generated/RenameItemRequest";
export type { DeleteItemRequest } from "./generated/DeleteItemRequest";
export type { MoveItemRequest } from "./generated/MoveItemRequest";
export type { IndentItemRequest } from "./generated/IndentItemRequest";
export type { OutdentItemRequest } from "./generated/OutdentItemRequest";
export type { MoveMaterialRequest } from "./generated/MoveMaterialRequest";
export type { AttachMaterialRequest } from "./generated/AttachMaterialRequest";
export type { EditOutcome } from "./generated/EditOutcome";
export type { MeetingEditorView } from "./generated/MeetingEditorView";
export type { MoveDirection } from "./generated/MoveDirection";
export { describeError, fileTooLarge, toAppError } from "./errors";
export { fileBytes, textBytes } from "./files";
export { LIMITS } from "./generated/limits_table";
export type { Limits } from "./generated/Limits";

/** A failed command; `error` says what failed in the backend's terms. */
export class IpcError extends Error {
  readonly error: AppErrorDto;

  constructor(error: AppErrorDto) {
    super(error.detail || error.message || error.code);
    this.name = "IpcError";
    this.error = error;
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error: unknown) {
    throw new IpcError(toAppError(error));
  }
}

export function workspaceInfo(): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>("workspace_info");
}

export function listMeetings(): Promise<MeetingSummary[]> {
  return call<MeetingSummary[]>("list_meetings");
}

export function getShidai(req: ShidaiRequest): Promise<ShidaiView> {
  return call<ShidaiView>("get_shidai", { req });
}

// The 次第 editor: every edit answers with the whole editor state (see shiryo_app::editor).

export function openMeeting(req: OpenMeetingRequest): Promise<EditOutcome> {
  return call<EditOutcome>("open_meeting", { req });
}

export function createMeeting(req: CreateMeetingRequest): Promise<EditOutcome> {
  return call<EditOutcome>("create_meeting", { req });
}

export function duplicateMeeting(req: DuplicateMeetingRequest): Promise<EditOutcome> {
  return call<EditOutcome>("duplicate_meeting", { req });
}

export function deleteMeeting(req: DeleteMeetingRequest): Promise<EditOutcome> {
  return call<EditOutcome>("delete_meeting", { req });
}

/** The pages each 資料 of a meeting prints as (laid out by the backend off the workspace lock, no PDF written). */
export function materialPages(req: ShidaiRequest): Promise<MaterialPages> {
  return call<MaterialPages>("material_pages", { req });
}

export function updateHeader(req: UpdateHeaderRequest): Promise<EditOutcome> {
  return call<EditOutcome>("update_header", { req });
}

export function addItem(req: AddItemRequest): Promise<EditOutcome> {
  return call<EditOutcome>("add_item", { req });
}

export function renameItem(req: RenameItemRequest): Promise<EditOutcome> {
  return call<EditOutcome>("rename_item", { req });
}

export function deleteItem(req: DeleteItemRequest): Promise<EditOutcome> {
  return call<EditOutcome>("delete_item", { req });
}

export function moveItem(req: MoveItemRequest): Promise<EditOutcome> {
  return call<EditOutcome>("move_item", { req });
}

export function indentItem(req: IndentItemRequest): Promise<EditOutcome> {
  return call<EditOutcome>("indent_item", { req });
}

export function outdentItem(req: OutdentItemRequest): Promise<EditOutcome> {
  return call<EditOutcome>("outdent_item", { req });
}

export function moveMaterial(req: MoveMaterialRequest): Promise<EditOutcome> {
  return call<EditOutcome>("move_material", { req });
}

export function attachMaterial(req: AttachMaterialRequest): Promise<EditOutcome> {
  return call<EditOutcome>("attach_material", { req });
}

export function undo(): Promise<EditOutcome> {
  return call<EditOutcome>("undo");
}

export function redo(): Promise<EditOutcome> {
  return call<EditOutcome>("redo");
}

/** The `AppErrorDto` behind anything a command function threw. */
export function errorOf(error: unknown): AppErrorDto {
  return error instanceof IpcError ? error.error : toAppError(error);
}

// ── Export (helper "app"): the backend opens the save dialog itself; progress arrives through a channel ──

import type { ExportProgress } from "./generated/ExportProgress";
import type { ExportOutcome } from "./generated/ExportOutcome";
import type { ExportRequest } from "./generated/ExportRequest";
export type { ExportOutcome } from "./generated/ExportOutcome";
export type { ExportProgress } from "./generated/ExportProgress";
export type { ExportReport } from "./generated/ExportReport";
export type { ExportRequest } from "./generated/ExportRequest";
export type { ExportWarning } from "./generated/ExportWarning";
export type { ExportedMaterial } from "./generated/ExportedMaterial";

/**
 * Asks where to save (the backend's save dialog), then prints on a worker thread. Resolves with `done` and the
 * report, `noTarget` when the save dialog was closed, or `cancelled` after {@link cancelExport}.
 */
export function exportPdf(
  req: ExportRequest,
  run: number,
  onProgress: (progress: ExportProgress) => void,
): Promise<ExportOutcome> {
  const channel = new Channel<ExportProgress>();
  channel.onmessage = onProgress;
  return call<ExportOutcome>("export_pdf", { req, run, onProgress: channel });
}

/** Stops export `run` (the id given to {@link exportPdf}); it may overtake the export's start. */
export function cancelExport(run: number): Promise<void> {
  return call<void>("cancel_export", { run });
}

/** The bytes of the PDF this window exported last (for the in-app preview). */
export async function exportedPdf(): Promise<Uint8Array> {
  const raw = await call<ArrayBuffer | number[]>("exported_pdf");
  return raw instanceof ArrayBuffer ? new Uint8Array(raw) : Uint8Array.from(raw);
}

// ── Duplex-safe packets, one file per 資料, printing (issue 18) ──

import type { PrintOutcome } from "./generated/PrintOutcome";
import type { PrintRequest } from "./generated/PrintRequest";
import type { SheetPlan } from "./generated/SheetPlan";
import type { SplitOutcome } from "./generated/SplitOutcome";
export type { BlankPageStyle } from "./generated/BlankPageStyle";
export type { PrintJobReport } from "./generated/PrintJobReport";
export type { PrintOutcome } from "./generated/PrintOutcome";
export type { PrintReport } from "./generated/PrintReport";
export type { PrintRequest } from "./generated/PrintRequest";
export type { SheetPlan } from "./generated/SheetPlan";
export type { SplitFile } from "./generated/SplitFile";
export type { SplitOutcome } from "./generated/SplitOutcome";
export type { SplitReport } from "./generated/SplitReport";

/**
 * Asks for a folder (the backend's dialog) and saves one PDF per 資料 with 00_次第.pdf and 一覧.csv in a folder
 * named after the meeting inside it. Cancelled with {@link cancelExport}(run).
 */
export function exportSplit(
  req: ExportRequest,
  run: number,
  onProgress: (progress: ExportProgress) => void,
): Promise<SplitOutcome> {
  const channel = new Channel<ExportProgress>();
  channel.onmessage = onProgress;
  return call<SplitOutcome>("export_split", { req, run, onProgress: channel });
}

/** The printers the OS offers. */
export function listPrinters(): Promise<string[]> {
  return call<string[]>("list_printers");
}

/** The sheets a print run would use: pages, blanks, copies. */
export function sheetPlan(req: PrintRequest): Promise<SheetPlan> {
  return call<SheetPlan>("sheet_plan", { req });
}

/** Sends the packet to a printer after the export's checks; cancellable with {@link cancelExport}(run). */
export function printPacket(
  req: PrintRequest,
  run: number,
  onProgress: (progress: ExportProgress) => void,
): Promise<PrintOutcome> {
  const channel = new Channel<ExportProgress>();
  channel.onmessage = onProgress;
  return call<PrintOutcome>("print_packet", { req, run, onProgress: channel });
}

// ── 差し替え (issue 17): the 配付版 of a meeting, what changed since one, and the set of replacement pages ──

import type { ChangeReport } from "./generated/ChangeReport";
import type { ChangesRequest } from "./generated/ChangesRequest";
import type { DistributionSummary } from "./generated/DistributionSummary";
import type { DistributionsRequest } from "./generated/DistributionsRequest";
import type { ReplacementRequest } from "./generated/ReplacementRequest";
import type { ReplacementOutcome } from "./generated/ReplacementOutcome";
export type { ReplacementOutcome } from "./generated/ReplacementOutcome";
export type { Change } from "./generated/Change";
export type { ChangeDetail } from "./generated/ChangeDetail";
export type { ChangeKind } from "./generated/ChangeKind";
export type { ChangeReport } from "./generated/ChangeReport";
export type { ChangesRequest } from "./generated/ChangesRequest";
export type { DetailKind } from "./generated/DetailKind";
export type { DistributionChoice } from "./generated/DistributionChoice";
export type { DistributionSummary } from "./generated/DistributionSummary";
export type { DistributionsRequest } from "./generated/DistributionsRequest";
export type { ReplacementReport } from "./generated/ReplacementReport";
export type { ReplacementRequest } from "./generated/ReplacementRequest";
export type { StampWord } from "./generated/StampWord";

/** The versions recorded for a meeting (packets exported as distributed, and 差し替え sets), oldest first. */
export function listDistributions(req: DistributionsRequest): Promise<DistributionSummary[]> {
  return call<DistributionSummary[]>("list_distributions", { req });
}

/** What changed in the meeting since the 配付版 `req.since`. */
export function changeReport(req: ChangesRequest): Promise<ChangeReport> {
  return call<ChangeReport>("change_report", { req });
}

/**
 * Asks where to save (the backend's save dialog), then writes the 差し替え set and records it as a version.
 * Cancellable with {@link cancelExport}(run), like an export: a cancelled run writes and records nothing.
 */
export function exportReplacements(
  req: ReplacementRequest,
  run: number,
  onProgress: (progress: ExportProgress) => void,
): Promise<ReplacementOutcome> {
  const channel = new Channel<ExportProgress>();
  channel.onmessage = onProgress;
  return call<ReplacementOutcome>("export_replacements", { req, run, onProgress: channel });
}

// ── Days: the page reads no clock and has no calendar; the shell names today and any day typed ──

import type { DayView } from "./generated/DayView";
export type { DayView } from "./generated/DayView";
export type { RevisedMarks } from "./generated/RevisedMarks";

/** Today, as the shell's clock says (the default of a date field). */
export function today(): Promise<DayView> {
  return call<DayView>("today");
}

/** A day (YYYY-MM-DD) as printed: 令和５年６月５日（月）. */
export function dayLabel(date: string): Promise<DayView> {
  return call<DayView>("day_label", { req: { date } });
}

// ── 新旧対照表 (helper "shinkyu"): every command answers with the whole table (see shiryo_app::shinkyu) ──

import type { ShinkyuView } from "./generated/ShinkyuView";
import type { ShinkyuRef } from "./generated/ShinkyuRef";
import type { SetShinkyuTextRequest } from "./generated/SetShinkyuTextRequest";
import type { SetShinkyuOptionsRequest } from "./generated/SetShinkyuOptionsRequest";
import type { MaterialFileRequest } from "./generated/MaterialFileRequest";
import type { ShinkyuEditRequest } from "./generated/ShinkyuEditRequest";
export type { ShinkyuView } from "./generated/ShinkyuView";
export type { ShinkyuRef } from "./generated/ShinkyuRef";
export type { ShinkyuRowView } from "./generated/ShinkyuRowView";
export type { ShinkyuCellView } from "./generated/ShinkyuCellView";
export type { ShinkyuRowKind } from "./generated/ShinkyuRowKind";
export type { ShinkyuPreset } from "./generated/ShinkyuPreset";
export type { ShinkyuColumnOrder } from "./generated/ShinkyuColumnOrder";
export type { ShinkyuSide } from "./generated/ShinkyuSide";
export type { ShinkyuEditOp } from "./generated/ShinkyuEditOp";
export type { ShinkyuDroppedEdit } from "./generated/ShinkyuDroppedEdit";
export type { ShinkyuFindingView } from "./generated/ShinkyuFindingView";
export type { MaterialFileRequest } from "./generated/MaterialFileRequest";
export type { SetShinkyuTextRequest } from "./generated/SetShinkyuTextRequest";
export type { SetShinkyuOptionsRequest } from "./generated/SetShinkyuOptionsRequest";
export type { ShinkyuEditRequest } from "./generated/ShinkyuEditRequest";

export function openShinkyu(req: ShinkyuRef): Promise<ShinkyuView> {
  return call<ShinkyuView>("open_shinkyu", { req });
}

/** A chosen file's bytes (or pasted text as UTF-8) for the old or new side; the backend decodes and checks. */
export function setShinkyuText(req: SetShinkyuTextRequest): Promise<ShinkyuView> {
  return call<ShinkyuView>("set_shinkyu_text", { req });
}

/** A chosen Word file with tracked changes (見え消し): old = every change rejected, new = every change accepted. */
export function setShinkyuTracked(req: MaterialFileRequest): Promise<ShinkyuView> {
  return call<ShinkyuView>("set_shinkyu_tracked", { req });
}

/** A department's finished 新旧対照表 (.docx), taken in as it stands; the answer carries its check's findings. */
export function importShinkyuReceived(req: MaterialFileRequest): Promise<ShinkyuView> {
  return call<ShinkyuView>("import_shinkyu_received", { req });
}

export function setShinkyuOptions(req: SetShinkyuOptionsRequest): Promise<ShinkyuView> {
  return call<ShinkyuView>("set_shinkyu_options", { req });
}

export function editShinkyu(req: ShinkyuEditRequest): Promise<ShinkyuView> {
  return call<ShinkyuView>("edit_shinkyu", { req });
}

/** Undo and redo act on the table given (the one on screen), never on another 資料's. */
export function undoShinkyu(req: ShinkyuRef): Promise<ShinkyuView> {
  return call<ShinkyuView>("undo_shinkyu", { req });
}

export function redoShinkyu(req: ShinkyuRef): Promise<ShinkyuView> {
  return call<ShinkyuView>("redo_shinkyu", { req });
}

// ── 資料 on the 次第 editor (helper "app"): files are sent as bytes (number[]) with their name ──

import type { AddMaterialOutcome } from "./generated/AddMaterialOutcome";
import type { AddMaterialRequest } from "./generated/AddMaterialRequest";
import type { MaterialRef } from "./generated/MaterialRef";
import type { MaterialTextView } from "./generated/MaterialTextView";
import type { PlaceItemRequest } from "./generated/PlaceItemRequest";
import type { PlaceMaterialRequest } from "./generated/PlaceMaterialRequest";
import type { RenameMaterialRequest } from "./generated/RenameMaterialRequest";
import type { SetMaterialTextRequest } from "./generated/SetMaterialTextRequest";
export type { AddMaterialOutcome } from "./generated/AddMaterialOutcome";
export type { AddMaterialRequest } from "./generated/AddMaterialRequest";
export type { MaterialSource } from "./generated/MaterialSource";
export type { MaterialRef } from "./generated/MaterialRef";
export type { MaterialTextView } from "./generated/MaterialTextView";

export function addMaterial(req: AddMaterialRequest): Promise<AddMaterialOutcome> {
  return call<AddMaterialOutcome>("add_material", { req });
}

export function renameMaterial(req: RenameMaterialRequest): Promise<EditOutcome> {
  return call<EditOutcome>("rename_material", { req });
}

export function deleteMaterial(req: MaterialRef): Promise<EditOutcome> {
  return call<EditOutcome>("delete_material", { req });
}

export function materialText(req: MaterialRef): Promise<MaterialTextView> {
  return call<MaterialTextView>("material_text", { req });
}

export function setMaterialText(req: SetMaterialTextRequest): Promise<EditOutcome> {
  return call<EditOutcome>("set_material_text", { req });
}

export function placeMaterial(req: PlaceMaterialRequest): Promise<EditOutcome> {
  return call<EditOutcome>("place_material", { req });
}

export function placeItem(req: PlaceItemRequest): Promise<EditOutcome> {
  return call<EditOutcome>("place_item", { req });
}

// ── Integrity check before printing (helper "app") ──

import type { CheckProblem } from "./generated/CheckProblem";
import type { CheckRequest } from "./generated/CheckRequest";
export type { CheckProblem } from "./generated/CheckProblem";

export function checkMeeting(req: CheckRequest): Promise<CheckProblem[]> {
  return call<CheckProblem[]>("check_meeting", { req });
}

// ── KPI review (helper "kpi"): every command answers with the whole review (see shiryo_app::kpi_review) ──

import type { KpiEditRowRequest } from "./generated/KpiEditRowRequest";
import type { KpiImportOutcome } from "./generated/KpiImportOutcome";
import type { KpiImportRequest } from "./generated/KpiImportRequest";
import type { KpiReviewRequest } from "./generated/KpiReviewRequest";
import type { KpiReviewView } from "./generated/KpiReviewView";
export type { KpiColumnMappingDto } from "./generated/KpiColumnMappingDto";
export type { KpiDifferenceView } from "./generated/KpiDifferenceView";
export type { KpiEditRowRequest } from "./generated/KpiEditRowRequest";
export type { KpiFindingView } from "./generated/KpiFindingView";
export type { KpiImportOutcome } from "./generated/KpiImportOutcome";
export type { KpiImportRequest } from "./generated/KpiImportRequest";
export type { KpiRejectedRowView } from "./generated/KpiRejectedRowView";
export type { KpiReviewRequest } from "./generated/KpiReviewRequest";
export type { KpiReviewView } from "./generated/KpiReviewView";
export type { KpiRollupCounts } from "./generated/KpiRollupCounts";
export type { KpiRollupView } from "./generated/KpiRollupView";
export type { KpiRowView } from "./generated/KpiRowView";
export type { KpiSummaryView } from "./generated/KpiSummaryView";
export type { KpiTrendPoint } from "./generated/KpiTrendPoint";
export type { KpiYearColumnDto } from "./generated/KpiYearColumnDto";
export type { KpiYearView } from "./generated/KpiYearView";

/** Opens the review of a KPI 資料 (its stored files become its tables the first time). */
export function kpiReview(req: KpiReviewRequest): Promise<KpiReviewView> {
  return call<KpiReviewView>("kpi_review", { req });
}

/** Saves a row's note, polarity or status set by hand. */
export function kpiEditRow(req: KpiEditRowRequest): Promise<KpiReviewView> {
  return call<KpiReviewView>("kpi_edit_row", { req });
}

/** A chosen file's bytes (number[]) with its name, imported into the 資料 in one transaction. */
export function kpiImport(req: KpiImportRequest): Promise<KpiImportOutcome> {
  return call<KpiImportOutcome>("kpi_import", { req });
}

/** Undo and redo act on this KPI 資料's own steps (its imports, its rows' notes, polarities, statuses), never on
 * another screen's. */
export function kpiUndo(req: KpiReviewRequest): Promise<KpiReviewView> {
  return call<KpiReviewView>("kpi_undo", { req });
}

export function kpiRedo(req: KpiReviewRequest): Promise<KpiReviewView> {
  return call<KpiReviewView>("kpi_redo", { req });
}

// ── Workspace files (helper "app"): the backend shows the open/save dialogs; the page never names a new path ──

import type { BackupView } from "./generated/BackupView";
import type { RecentWorkspace } from "./generated/RecentWorkspace";
export type { BackupView } from "./generated/BackupView";
export type { RecentWorkspace } from "./generated/RecentWorkspace";

/** The open dialog, then that workspace; null when the dialog was closed. */
export function openWorkspace(): Promise<WorkspaceInfo | null> {
  return call<WorkspaceInfo | null>("open_workspace");
}

/** The save dialog, then a new empty workspace there; null when the dialog was closed. */
export function newWorkspace(): Promise<WorkspaceInfo | null> {
  return call<WorkspaceInfo | null>("new_workspace");
}

export function recentWorkspaces(): Promise<RecentWorkspace[]> {
  return call<RecentWorkspace[]>("recent_workspaces");
}

/** Opens a file of the recent list (the backend refuses any other path). */
export function openRecent(path: string): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>("open_recent", { path });
}

export function forgetRecent(path: string): Promise<void> {
  return call<void>("forget_recent", { path });
}

export function listBackups(): Promise<BackupView[]> {
  return call<BackupView[]>("list_backups");
}

/** Restores one of the listed backups; answers with the backup taken of the state it replaced. */
export function restoreBackup(path: string): Promise<BackupView> {
  return call<BackupView>("restore_backup", { path });
}

// ── 表 資料 (issue 14): the column list of a sheet; every change is one undo step kept by the backend ──

import type { TableView } from "./generated/TableView";
import type { TableLayoutRequest } from "./generated/TableLayoutRequest";
export type { TableView } from "./generated/TableView";
export type { TableLayoutRequest } from "./generated/TableLayoutRequest";
export type { TableColumnView } from "./generated/TableColumnView";
export type { TableColumnEdit } from "./generated/TableColumnEdit";

export function tableView(req: MaterialRef): Promise<TableView> {
  return call<TableView>("table_view", { req });
}

export function setTableLayout(req: TableLayoutRequest): Promise<TableView> {
  return call<TableView>("table_set_layout", { req });
}

/** Undo (or redo) of this 資料's layout only. */
export function undoTable(req: MaterialRef, redo: boolean): Promise<TableView> {
  return call<TableView>("table_undo", { req, redo });
}

/** The 資料 as it will print (PDF bytes), for the screen's preview. */
export async function tablePreview(req: MaterialRef): Promise<Uint8Array> {
  const raw = await call<ArrayBuffer | number[]>("table_preview", { req });
  return raw instanceof ArrayBuffer ? new Uint8Array(raw) : Uint8Array.from(raw);
}

import type { TextBlockView } from "./generated/TextBlockView";
import type { TextStructureRequest } from "./generated/TextStructureRequest";
export type { TextBlockView } from "./generated/TextBlockView";

/** The blocks of a text 資料 as the print sets them (headings, paragraphs, ［表］ tables, ［図］ figures). */
export function textStructure(req: TextStructureRequest): Promise<TextBlockView[]> {
  return call<TextBlockView[]>("text_structure", { req });
}

// ── Office 資料 (helper "office"): converted with LibreOffice in the backend, with progress and 中止 ──

import type { AddOfficeMaterialRequest } from "./generated/AddOfficeMaterialRequest";
import type { ConvertOutcome } from "./generated/ConvertOutcome";
import type { ConvertProgress } from "./generated/ConvertProgress";
import type { ConverterStatus } from "./generated/ConverterStatus";
import type { OfficeMaterialView } from "./generated/OfficeMaterialView";
export type { AddOfficeMaterialRequest } from "./generated/AddOfficeMaterialRequest";
export type { ConversionRecord } from "./generated/ConversionRecord";
export type { ConvertOutcome } from "./generated/ConvertOutcome";
export type { ConvertProgress } from "./generated/ConvertProgress";
export type { ConverterStatus } from "./generated/ConverterStatus";
export type { FontSubstitution } from "./generated/FontSubstitution";
export type { OfficeMaterialView } from "./generated/OfficeMaterialView";

/** Whether LibreOffice was found; when not, `message` says what to install and the other ways in. */
export function converterStatus(): Promise<ConverterStatus> {
  return call<ConverterStatus>("converter_status");
}

function progressChannel(onProgress: (progress: ConvertProgress) => void): Channel<ConvertProgress> {
  const channel = new Channel<ConvertProgress>();
  channel.onmessage = onProgress;
  return channel;
}

/** Converts an Office file (bytes) and adds it as a 資料; `cancelled` after {@link cancelConversion}. */
export function addOfficeMaterial(
  req: AddOfficeMaterialRequest,
  run: number,
  onProgress: (progress: ConvertProgress) => void,
): Promise<ConvertOutcome> {
  return call<ConvertOutcome>("add_office_material", { req, run, onProgress: progressChannel(onProgress) });
}

/** Puts another file (Office, PDF or text) in a 資料's place; its label, place and title stay. */
export function replaceMaterialFile(
  req: MaterialFileRequest,
  run: number,
  onProgress: (progress: ConvertProgress) => void,
): Promise<ConvertOutcome> {
  return call<ConvertOutcome>("replace_material_file", { req, run, onProgress: progressChannel(onProgress) });
}

/** 「変換し直す」: converts the kept original of an Office 資料 again. */
export function reconvertMaterial(
  req: MaterialRef,
  run: number,
  onProgress: (progress: ConvertProgress) => void,
): Promise<ConvertOutcome> {
  return call<ConvertOutcome>("reconvert_material", { req, run, onProgress: progressChannel(onProgress) });
}

/** Stops conversion `run`; LibreOffice is killed and nothing is stored. */
export function cancelConversion(run: number): Promise<void> {
  return call<void>("cancel_conversion", { run });
}

/** An Office 資料 for its own screen: label, title, the conversion record. */
export function officeMaterial(req: MaterialRef): Promise<OfficeMaterialView> {
  return call<OfficeMaterialView>("office_material", { req });
}
