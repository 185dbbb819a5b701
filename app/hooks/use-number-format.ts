import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_NUMBER_FORMAT, type NumberFormat } from "../../core/decimal";
import { type Currency, DEFAULT_CURRENCY } from "../../core/money";
import type { loader } from "~/routes/o.$slug";

/** The number format of the organization the page belongs to (its layout route loads it). */
export function useNumberFormat(): NumberFormat {
  return useRouteLoaderData<typeof loader>("routes/o.$slug")?.org.numberFormat ?? DEFAULT_NUMBER_FORMAT;
}

/** The currency the organization shows its amounts in (a label: nothing is converted). */
export function useCurrency(): Currency {
  return useRouteLoaderData<typeof loader>("routes/o.$slug")?.org.currency ?? DEFAULT_CURRENCY;
}
