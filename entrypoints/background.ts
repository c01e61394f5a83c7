export default defineBackground(() => {
  // The background owns the watchlist database and the FTS client (issue 3).
});
