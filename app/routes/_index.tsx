import type { MetaFunction } from "@remix-run/cloudflare";

export const meta: MetaFunction = () => [{ title: "Celerity — live POC campaign tracking for agencies" }];

const FEATURES = [
  {
    title: "Every channel, one grid",
    body:
      "Google Ads, Meta, Amazon, TikTok and more: campaign groups with weekly budgets, " +
      "campaigns with a target ROAS.",
  },
  {
    title: "Live for the whole team",
    body: "Type last week's spend and sales; every teammate with the page open sees the change the moment it is saved.",
  },
  {
    title: "Wins at a glance",
    body: "ROAS is computed for you and colored against each campaign's target, so Monday's review takes minutes.",
  },
];

export default function Index() {
  return (
    <main className="mx-auto max-w-6xl px-4 py-12 sm:py-20">
      <section className="max-w-2xl">
        <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl">Know which proof of concept is winning.</h1>
        <p className="mt-4 text-lg text-muted-foreground">
          Celerity tracks your clients' POC campaigns week by week — ad spend, sales and ROAS against target — in real
          time, on a laptop or on a phone.
        </p>
      </section>
      <section className="mt-12 grid gap-4 sm:grid-cols-3" aria-label="What Celerity does">
        {FEATURES.map((feature) => (
          <article key={feature.title} className="rounded-lg border border-border bg-card p-5">
            <h2 className="font-medium">{feature.title}</h2>
            <p className="mt-2 text-sm text-muted-foreground">{feature.body}</p>
          </article>
        ))}
      </section>
    </main>
  );
}
