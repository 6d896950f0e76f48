import { fireEvent, render } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { demoShidai } from "../agenda/fixtures";
import AddMaterialDialog from "./AddMaterialDialog.svelte";

const item = demoShidai.agenda[2]!; // (1)

describe("AddMaterialDialog", () => {
  it("sends pasted text with its title", async () => {
    const onadd = vi.fn(async () => {});
    const { getByTestId } = render(AddMaterialDialog, { item, onadd, onclose: vi.fn() });
    await fireEvent.input(getByTestId("material-title-input"), { target: { value: "予算案" } });
    await fireEvent.input(getByTestId("material-text-input"), { target: { value: "一行目\n二行目" } });
    await fireEvent.click(getByTestId("material-add-submit"));
    expect(onadd).toHaveBeenCalledWith("予算案", { kind: "text", text: "一行目\n二行目" });
  });

  it("never submits on the Enter that ends an IME composition", async () => {
    const onadd = vi.fn(async () => {});
    const { getByTestId } = render(AddMaterialDialog, { item, onadd, onclose: vi.fn() });
    await fireEvent.input(getByTestId("material-title-input"), { target: { value: "よさん" } });
    await fireEvent.input(getByTestId("material-text-input"), { target: { value: "本文" } });
    const composing = new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true, cancelable: true });
    getByTestId("material-title-input").dispatchEvent(composing);
    expect(composing.defaultPrevented).toBe(true);
    expect(onadd).not.toHaveBeenCalled();
  });

  it("asks for a file for a PDF and creates an empty KPI table without one", async () => {
    const onadd = vi.fn(async () => {});
    const { getByTestId } = render(AddMaterialDialog, { item, onadd, onclose: vi.fn() });
    await fireEvent.input(getByTestId("material-title-input"), { target: { value: "指標" } });
    await fireEvent.click(getByTestId("material-kind-pdf"));
    expect((getByTestId("material-add-submit") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(getByTestId("material-kind-kpiTable"));
    await fireEvent.click(getByTestId("material-add-submit"));
    expect(onadd).toHaveBeenCalledWith("指標", { kind: "kpiTable" });
  });
});
