/* The site search (docs/search.md): Pagefind's index, shown in Material's search dialog
 * (partials/search.html). Pagefind's scripts and index are fetched on the first use of the
 * search, from this site only; a page that nobody searches from loads nothing of them. */
(() => {
  const dialog = document.querySelector("[data-pk-search]")
  if (!dialog) return
  const toggle = document.getElementById("__search")
  const form = dialog.querySelector("form")
  const input = dialog.querySelector(".md-search__input")
  const output = dialog.querySelector(".md-search-result")
  const meta = dialog.querySelector(".md-search-result__meta")
  const list = dialog.querySelector(".md-search-result__list")
  const config = JSON.parse(document.getElementById("__config").textContent)
  const text = config.translations
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href)
  const PAGE = 10  // results shown at once; «Показать ещё» adds as many
  const DELAY = 300  // ms of quiet typing before a search, as Pagefind's own interface waits

  let pagefind = null
  const load = () => pagefind ??= import(new URL("pagefind/pagefind.js", root).href)
    .then(async module => { await module.options({ excerptLength: 24 }); await module.init(); return module })

  /* Pagefind looks every word up as the beginning of a word of the index; a word that nothing
   * in the index begins with it replaces by the longest word of the index that the word itself
   * begins with: «квазар» by «к», «починок» by «поч» of «почему». Such results answer another
   * question, so a search counts only if its best result marks a word that shares at least
   * 60 % of a query word's beginning (a stem is rarely shorter); its fragment is fetched anyway. */
  const plain = word => word.toLowerCase().replaceAll("ё", "е").replace(/[^\p{L}\d]/gu, "")
  const shared = (a, b) => {
    let i = 0
    while (i < a.length && a[i] === b[i]) i++
    return i
  }
  const answers = async (result, words) => {
    const marked = [...(await result.data()).excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map(mark => plain(mark[1]))
    return words.some(word => marked.some(mark =>
      shared(mark, word) >= Math.min(word.length, Math.max(3, Math.ceil(0.6 * word.length)))))
  }

  /* Snowball keeps a fleeting vowel in the stem where other forms of the word drop it:
   * «Починок» (stem «починок») and «Починковский» («починковск»), «кружок» and «кружки».
   * Such a query is searched as typed and again without that vowel; what both find is merged. */
  const FLEETING = /([бвгджзклмнпрстфхцчшщ])[оеё]([кцлнр])$/i
  const withoutFleeting = query => {
    const words = query.split(/\s+/)
    const changed = words.map(word => word.length >= 5 ? word.replace(FLEETING, "$1$2") : word)
    return { query: changed.join(" "), words: changed.filter((word, i) => word !== words[i]).map(plain) }
  }

  /* Pagefind looks every word up as a beginning, and fetches every part of the index that holds
   * words beginning so: for «по» or «в» that is a good share of the index, and those words are on
   * every page anyway. So a query leaves out words shorter than three letters (Snowball would cut
   * «ОО» to «о» as well) and the longer prepositions, conjunctions and particles; with nothing
   * left it waits for more letters. */
  const STOP = new Set("без бы вот для же или над обо под при про что чтобы".split(" "))
  const meaningful = query => query.split(/\s+/)
    .filter(word => plain(word).length >= 3 && !STOP.has(plain(word))).join(" ")

  const find = async (module, query) => {
    const variant = withoutFleeting(query)
    const asked = [{ query, words: query.split(/\s+/).map(plain) }, ...(variant.words.length ? [variant] : [])]
    const searches = await Promise.all(asked.map(search => module.search(search.query)))
    const best = new Map()
    for (const [i, search] of searches.entries()) {
      if (!search.results.length || !await answers(search.results[0], asked[i].words)) continue
      for (const result of search.results)
        if ((best.get(result.id)?.score ?? -Infinity) < result.score) best.set(result.id, result)
    }
    return [...best.values()].sort((a, b) => b.score - a.score)
  }

  const count = n => n === 0 ? text["search.result.none"]
    : n === 1 ? text["search.result.one"] : text["search.result.other"].replace("#", n)

  const escape = value => value.replace(/[&<>"]/g, char => `&#${char.charCodeAt(0)};`)

  /* Material's markup of a result: the page, then its sections that matched (Pagefind's sub-results). */
  const item = data => {
    const link = (url, heading, excerpt, icon) => `<a href="${escape(url)}" class="md-search-result__link" tabindex="-1">
      <article class="md-search-result__article md-typeset">${icon ? '<div class="md-search-result__icon md-icon"></div>' : ""}
      ${heading}<p>${excerpt}</p></article></a>`
    const sections = (data.sub_results || [])
      .filter(sub => sub.url.includes("#") && sub.title !== data.meta.title).slice(0, 3)
    const li = document.createElement("li")
    li.className = "md-search-result__item"
    li.innerHTML = link(data.url, `<h1>${escape(data.meta.title || data.url)}</h1>`,
                        sections.length ? "" : data.excerpt, true)
      + sections.map(sub => link(sub.url, `<h2>${escape(sub.title)}</h2>`, sub.excerpt, false)).join("")
    return li
  }

  let latest = 0
  let results = []
  const show = async (from, query) => {
    const shown = await Promise.all(results.slice(from, from + PAGE).map(result => result.data()))
    if (query !== latest) return
    list.querySelector(".pk-search-more")?.remove()
    list.append(...shown.map(item))
    if (results.length > from + PAGE) {
      const more = document.createElement("li")
      more.className = "md-search-result__item pk-search-more"
      more.innerHTML = '<button type="button" class="md-search-result__link">Показать ещё</button>'
      more.firstChild.addEventListener("click", () => show(from + PAGE, query))
      list.append(more)
    }
  }

  const search = async () => {
    const query = ++latest
    const typed = input.value.trim()
    const terms = meaningful(typed)
    results = terms ? await find(await load(), terms) : []
    if (query !== latest) return
    list.replaceChildren()
    meta.textContent = terms ? count(results.length) : text["search.result.placeholder"]
    await show(0, query)
    output.dataset.pkQuery = typed  // the query the results shown answer
  }

  /* One search at a time: on a large index a common word takes Pagefind a while, and the
   * letters typed meanwhile need only the last query, run when the current one is done. */
  let running = false
  let queued = false
  const schedule = async () => {
    if (running) {
      queued = true
      return
    }
    running = true
    try {
      await search()
    } finally {
      running = false
      if (queued) {
        queued = false
        schedule()
      }
    }
  }

  let timer = 0
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(schedule, DELAY) })
  input.addEventListener("focus", load, { once: true })
  form.addEventListener("reset", () => setTimeout(schedule))
  form.addEventListener("submit", event => {
    event.preventDefault()
    list.querySelector("a")?.click()
  })

  const open = () => {
    toggle.checked = true
    input.focus()
    input.select()
  }
  const close = () => {
    toggle.checked = false
    input.blur()
  }
  toggle.addEventListener("change", () => toggle.checked ? open() : close())
  list.addEventListener("click", event => event.target.closest("a") && close())  // a section of this very page too

  /* Keys as in Material's own search: / s f open it, Esc closes it, ↓ ↑ move through the results. */
  const typing = target => target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
  document.addEventListener("keydown", event => {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !typing(event.target)) {
        event.preventDefault()
        open()
      }
      return
    }
    if (event.key === "Escape") {
      event.preventDefault()
      close()
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const stops = [input, ...list.querySelectorAll(".md-search-result__link")]
      const at = stops.indexOf(document.activeElement)
      const next = at + (event.key === "ArrowDown" ? 1 : -1)
      if (next >= 0 && next < stops.length) {
        event.preventDefault()
        stops[next].focus()
      }
    }
  })
})()
