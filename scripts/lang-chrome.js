// Inlined into every page's <head> by observablehq.config.ts. Framework 1.13 has one global
// sidebar, footer and set of interface strings; this makes them per language. It marks
// <html data-lang="en|zh"> from the path (src/style.css hides the other language's footer
// text and translates the pager and "Contents" from that), and, as soon as the sidebar is
// parsed and before it is painted, hides the other language's sidebar sections, names the
// home link and the search box in the page's language, and lists search results in the
// page's language first.
(() => {
  const zh = /^\/zh(\/|$)/.test(location.pathname);
  const lang = zh ? "zh" : "en";
  const root = document.documentElement;
  root.dataset.lang = lang;
  root.lang = zh ? "zh-CN" : "en";
  const langOf = (a) => (/^\/zh(\/|$)/.test(new URL(a.getAttribute("href"), location.href).pathname) ? "zh" : "en");

  function sidebar(nav) {
    const blocks = [...nav.querySelectorAll(":scope > details, :scope > section, :scope > ol")];
    blocks.forEach((block, i) => {
      const links = [...block.querySelectorAll("a")];
      if (i === 0) {
        // The title link goes to the page's own home.
        const home = links[0];
        if (home && zh) {
          home.textContent = "从内部理解 Transformer";
          home.setAttribute("href", new URL("/zh/", location.href).pathname);
        }
        return;
      }
      const own = links.filter((a) => langOf(a) === "zh").length > links.length / 2 ? "zh" : "en";
      block.dataset.sectionLang = own;
      // As the English sections are, the Chinese ones are open on a Chinese page.
      if (zh && own === "zh" && block.tagName === "DETAILS") block.open = true;
    });
    const search = nav.querySelector("#observablehq-search input");
    if (search && zh) search.placeholder = "搜索";
    const results = nav.querySelector("#observablehq-search-results");
    if (results) new MutationObserver(() => ownLanguageFirst(results)).observe(results, { childList: true });
  }

  function ownLanguageFirst(results) {
    const list = results.querySelector("ol");
    const count = results.querySelector(":scope > div");
    if (zh && count && !count.dataset.done) {
      count.dataset.done = "1";
      const n = /^([\d,]+) result/.exec(count.textContent);
      count.textContent = n ? `${n[1]} 个结果` : "没有结果";
    }
    if (!list || list.dataset.sorted) return;
    list.dataset.sorted = "1";
    const items = [...list.children];
    const mine = items.filter((li) => langOf(li.querySelector("a")) === lang);
    const other = items.filter((li) => !mine.includes(li));
    const active = list.querySelector(".observablehq-link-active");
    active?.classList.remove("observablehq-link-active");
    list.replaceChildren(...mine, ...other);
    list.firstElementChild?.classList.add("observablehq-link-active");
  }

  // The sidebar is followed by Framework's sidebar-init script: once that is parsed, the
  // sidebar is whole. A mutation observer runs before the browser paints it.
  const watch = new MutationObserver(() => {
    const nav = document.getElementById("observablehq-sidebar");
    if (!nav?.nextElementSibling) return;
    watch.disconnect();
    sidebar(nav);
  });
  watch.observe(root, { childList: true, subtree: true });
})();
