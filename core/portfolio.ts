/** How the portfolio (every POC of an org) can be ordered: by the page's and the CSV's `?sort=`. */
export const PORTFOLIO_SORTS = ["client", "channel", "verdict", "roas", "spend"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
