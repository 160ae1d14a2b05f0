// The back office: two customers side by side, the public catalog and the
// signed-in staff member's inbox. Every panel is one mounted context
// instance and counts its fetches, so you can see which ones a change refreshes.
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import type { ContextState } from "mizan/client";
import { useCall, useContextQuery } from "mizan/react";
import { contexts, markRead, placeOrder, updateProfile, type Plan } from "../generated/client.js";

const CUSTOMERS = [1, 2];

export function App() {
  return (
    <>
      <header className="top">
        <h1>
          Mizan demo shop <small>back office</small>
        </h1>
        <p>
          Signed in as Sam · <span className="live" />
        </p>
      </header>
      <p className="intro">
        Each panel is one context instance; its counter says how many times it fetched. Rename Ada and only
        Ada's profile refetches; an order refreshes that customer, the catalog and the inbox; the webhook
        refreshes every subscription. Open a second window: it follows along through the live stream.
      </p>
      <main className="grid">
        {CUSTOMERS.map((userId) => (
          <div className="column" key={userId}>
            <CustomerPanel userId={userId} />
            <SubscriptionPanel userId={userId} />
          </div>
        ))}
        <div className="column">
          <CatalogPanel />
          <NotificationsPanel />
        </div>
      </main>
    </>
  );
}

function CustomerPanel({ userId }: { userId: number }) {
  const query = useContextQuery(contexts.user, { userId });
  return (
    <Panel id={`user-${userId}`} title={`Customer ${userId}`} source={`user?userId=${userId}`} query={query}>
      {({ userProfile: profile, userOrders: orders }) =>
        profile === null ? (
          <p className="muted">No such customer</p>
        ) : (
          <>
            <p className="name">{profile.name}</p>
            <p className="muted">
              {profile.email} · <a href={`/profile/${userId}/`}>public page</a>
            </p>
            {/* Keyed by the saved name: a change from anywhere resets the draft. */}
            <RenameForm key={profile.name} userId={userId} name={profile.name} />
            <h3>Orders</h3>
            <ul className="orders">
              {orders.length === 0 && <li className="muted">No orders yet</li>}
              {orders.map((order) => (
                <li key={order.id}>
                  #{order.id} {order.title} · ${order.total} · {order.status}
                  <time dateTime={order.placedAt}>{new Date(order.placedAt).toLocaleDateString()}</time>
                </li>
              ))}
            </ul>
          </>
        )
      }
    </Panel>
  );
}

function RenameForm({ userId, name }: { userId: number; name: string }) {
  const [draft, setDraft] = useState(name);
  const save = useCall(updateProfile);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(userId, { name: draft });
  };
  return (
    <form className="inline" onSubmit={submit}>
      <input aria-label="Name" value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button disabled={save.isPending || draft === name}>Save name</button>
      {save.error && <p className="error">{save.error.message}</p>}
    </form>
  );
}

function SubscriptionPanel({ userId }: { userId: number }) {
  const query = useContextQuery(contexts.subscription, { userId });
  return (
    <Panel id={`subscription-${userId}`} title="Subscription" source={`subscription?userId=${userId}`} query={query}>
      {({ subscription }) =>
        subscription === null ? (
          <p className="muted">No subscription</p>
        ) : (
          <>
            <p>
              <span className={`plan plan-${subscription.plan}`}>{subscription.plan}</span>{" "}
              <span className="muted">
                {subscription.updatedAt
                  ? `changed by webhook at ${new Date(subscription.updatedAt).toLocaleTimeString()}`
                  : "since sign-up"}
              </span>
            </p>
            <WebhookButton userId={userId} plan={subscription.plan === "pro" ? "free" : "pro"} />
          </>
        )
      }
    </Panel>
  );
}

/**
 * Stands in for the payment provider: POSTs its event to the private view
 * path, as Stripe would. The answer goes nowhere, as a webhook's would; this
 * page hears of the change through the live stream, like every other page.
 */
function WebhookButton({ userId, plan }: { userId: number; plan: Plan }) {
  const [state, setState] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  async function send() {
    setState({ pending: true, error: null });
    const response = await fetch("/webhooks/stripe/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "customer.subscription.updated", data: { userId, plan } }),
    }).catch(() => null);
    setState({ pending: false, error: response?.ok ? null : `webhook failed (${response?.status ?? "network"})` });
  }
  return (
    <>
      <button className="webhook" disabled={state.pending} onClick={send}>
        Simulate Stripe webhook: switch to {plan}
      </button>
      {state.error && <p className="error">{state.error}</p>}
    </>
  );
}

function CatalogPanel() {
  const query = useContextQuery(contexts.catalog);
  const [buyer, setBuyer] = useState(CUSTOMERS[0]!);
  const order = useCall(placeOrder);
  return (
    <Panel id="catalog" title="Catalog" source="catalog (public, CDN-cacheable)" query={query}>
      {({ products }) => (
        <>
          <label>
            Order for{" "}
            <select value={buyer} onChange={(event) => setBuyer(Number(event.target.value))}>
              {CUSTOMERS.map((userId) => (
                <CustomerOption key={userId} userId={userId} />
              ))}
            </select>
          </label>
          <ul className="products">
            {products.map((product) => (
              <li key={product.sku} data-sku={product.sku}>
                <span>{product.title}</span>
                <span>${product.price}</span>
                <span className="stock">{product.stock} left</span>
                <button disabled={order.isPending || product.stock === 0} onClick={() => order.mutate(buyer, product.sku)}>
                  Order
                </button>
              </li>
            ))}
          </ul>
          {order.error && <p className="error">{order.error.message}</p>}
        </>
      )}
    </Panel>
  );
}

function CustomerOption({ userId }: { userId: number }) {
  // The same instance the customer's panel shows: no request of its own.
  const { data } = useContextQuery(contexts.user, { userId });
  return <option value={userId}>{data?.userProfile?.name ?? `Customer ${userId}`}</option>;
}

function NotificationsPanel() {
  const query = useContextQuery(contexts.notifications);
  const read = useCall(markRead);
  return (
    <Panel id="notifications" title="Notifications" source="notifications (per signed-in user)" query={query}>
      {({ notifications }) => (
        <ul className="notifications">
          {notifications.length === 0 && <li className="muted">Nothing yet</li>}
          {notifications.map((note) => (
            <li key={note.id} className={note.read ? "read" : "unread"}>
              <span>{note.text}</span>
              {!note.read && (
                <button disabled={read.isPending} onClick={() => read.mutate(note.id)}>
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

interface PanelProps<Data> {
  id: string;
  title: string;
  /** The context instance the panel shows, as its URL reads. */
  source: string;
  query: ContextState<Data>;
  children: (data: Data) => ReactNode;
}

function Panel<Data>({ id, title, source, query, children }: PanelProps<Data>) {
  const fetches = useFetchCount(query.isFetching);
  return (
    <section className="panel" id={id} data-fetches={fetches} data-fetching={query.isFetching}>
      <header>
        <h2>{title}</h2>
        {/* Re-keyed on every fetch, so its highlight animation plays again. */}
        <span className="fetches" key={fetches}>
          fetched {fetches}×
        </span>
      </header>
      <code className="source">{source}</code>
      {query.error && <p className="error">{query.error.message}</p>}
      {query.data === undefined ? query.isLoading && <p className="muted">Loading…</p> : children(query.data)}
    </section>
  );
}

/** The number of fetches this panel has started: every refetch adds one. */
function useFetchCount(isFetching: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (isFetching) setCount((n) => n + 1);
  }, [isFetching]);
  return count;
}
