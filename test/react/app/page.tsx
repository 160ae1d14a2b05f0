// The page the hook tests drive in Chromium. Panels and callers are described
// by a JSON spec from the test; every panel shows its query state as data-*
// attributes, and counts its renders.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { MizanResponseError } from "mizan/client";
import { useCall, useContextQuery, type CallResult } from "mizan/react";
import { shopClient } from "../../support/shop-client.js";

const shop = shopClient();

export type PanelSpec =
  | { kind: "user"; id: string; userId: number; status?: "pending" | "shipped"; enabled?: boolean }
  | { kind: "catalog"; id: string; tag?: string }
  | { kind: "notifications"; id: string }
  | { kind: "caller"; id: string; stub: "updateProfile" | "updateName" | "notify" };

export interface PageSpec {
  strict?: boolean;
  panels: PanelSpec[];
}

const renders: Record<string, number> = {};
const callers: Record<string, CallResult<any[], unknown>> = {};

function errorCode(error: Error | null): string {
  return error ? ((error as MizanResponseError).code ?? error.name) : "";
}

function Shown(props: { id: string; state: { status: string; isFetching?: boolean; isLoading?: boolean; isPending?: boolean; error: Error | null }; text: string }) {
  renders[props.id] = (renders[props.id] ?? 0) + 1;
  const { state } = props;
  return (
    <div
      id={props.id}
      data-status={state.status}
      data-fetching={String(state.isFetching ?? state.isPending)}
      data-loading={String(state.isLoading ?? false)}
      data-error={errorCode(state.error)}
    >
      {props.text}
    </div>
  );
}

function UserPanel({ spec }: { spec: Extract<PanelSpec, { kind: "user" }> }) {
  const query = useContextQuery(shop.contexts.user, { userId: spec.userId, status: spec.status }, { enabled: spec.enabled });
  return <Shown id={spec.id} state={query} text={query.data?.userProfile?.name ?? ""} />;
}

function CatalogPanel({ spec }: { spec: Extract<PanelSpec, { kind: "catalog" }> }) {
  const query = useContextQuery(shop.contexts.catalog, spec.tag === undefined ? undefined : { tag: spec.tag });
  return <Shown id={spec.id} state={query} text={String(query.data?.productCount ?? "")} />;
}

function NotificationsPanel({ spec }: { spec: Extract<PanelSpec, { kind: "notifications" }> }) {
  const query = useContextQuery(shop.contexts.notifications);
  return <Shown id={spec.id} state={query} text={String(query.data?.notifications.length ?? "")} />;
}

function Caller({ spec }: { spec: Extract<PanelSpec, { kind: "caller" }> }) {
  const call = useCall(shop[spec.stub] as (...args: any[]) => Promise<unknown>);
  callers[spec.id] = call;
  return <Shown id={spec.id} state={call} text={call.data === undefined ? "" : JSON.stringify(call.data)} />;
}

function Panel({ spec }: { spec: PanelSpec }) {
  switch (spec.kind) {
    case "user":
      return <UserPanel spec={spec} />;
    case "catalog":
      return <CatalogPanel spec={spec} />;
    case "notifications":
      return <NotificationsPanel spec={spec} />;
    case "caller":
      return <Caller spec={spec} />;
  }
}

const root = createRoot(document.getElementById("root")!);

const harness = {
  renders,
  callers,
  /** Renders the spec; panels keep their identity (and hook state) by id across calls. */
  render(spec: PageSpec) {
    const panels = spec.panels.map((panel) => <Panel key={panel.id} spec={panel} />);
    root.render(spec.strict ? <StrictMode>{panels}</StrictMode> : <>{panels}</>);
  },
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}

window.harness = harness;
