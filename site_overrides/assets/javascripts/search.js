/* The site search (docs/search.md): Pagefind's index, shown in Material's search dialog
 * (partials/search.html). Pagefind's scripts and index are fetched on the first use of the
 * search, from this site only; a page that nobody searches from loads nothing of them. */
(() => {
  const dialog = document.querySelector("[data-pk-search]")
  if (!dialog) return
  const toggle = document.getElementById("__search")
  const form = dialog.querySelector("form")
  const input = dialog.querySelector(".md-search__input")
  const meta = dialog.querySelector(".md-search-result__meta")
  const list = dialog.querySelector(".md-search-result__list")
  const config = JSON.parse(document.getElementById("__config").textContent)
  const text = config.translations
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href)
  const PAGE = 10  // results shown at once; «Показать ещё» adds as many
  const DELAY = 150  // ms of quiet typing before a search

  let pagefind = null
  const load = () => pagefind ??= import(new URL("pagefind/pagefind.js", root).href)
    .then(async module => { await module.options({ excerptLength: 24 }); await module.init(); return module })

  /* Snowball keeps a fleeting vowel in the stem where other forms of the word drop it:
   * «Починок» (stem «починок») and «Починковский» («починковск»), «кружок» and «кружки».
   * Such a query is searched as typed and again without that vowel. A word that nothing in the
   * index begins with is matched by Pagefind to the longest word it begins with («починк» to «поч»
   * of «почему»), so the second search counts only if its best new result shows a word that begins
   * as asked: one more fragment to fetch. */
  const FLEETING = /([бвгджзклмнпрстфхцчшщ])[оеё]([кцлнр])$/i
  const plain = word => word.toLowerCase().replaceAll("ё", "е").replace(/[^\p{L}\d]/gu, "")

  const withoutFleeting = query => {
    const words = query.split(/\s+/)
    const changed = words.map(word => word.length >= 5 ? word.replace(FLEETING, "$1$2") : word)
    return { query: changed.join(" "), words: changed.filter((word, i) => word !== words[i]).map(plain) }
  }

  const shows = async (result, words) => {
    const marked = [...(await result.data()).excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map(mark => plain(mark[1]))
    return words.some(word => marked.some(mark => mark.startsWith(word)))
  }

  const find = async (module, query) => {
    const variant = withoutFleeting(query)
    const [asTyped, other] = await Promise.all(
      [query, ...(variant.words.length ? [variant.query] : [])].map(terms => module.search(terms)))
    const known = new Set(asTyped.results.map(result => result.id))
    const added = (other?.results ?? []).filter(result => !known.has(result.id))
    if (!added.length || !await shows(added[0], variant.words)) return asTyped.results
    return [...asTyped.results, ...added].sort((a, b) => b.score - a.score)
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
    const terms = input.value.trim()
    if (!terms) {
      results = []
      list.replaceChildren()
      meta.textContent = text["search.result.placeholder"]
      return
    }
    const found = await find(await load(), terms)
    if (query !== latest) return
    results = found
    list.replaceChildren()
    meta.textContent = count(found.length)
    await show(0, query)
  }

  let timer = 0
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, DELAY) })
  input.addEventListener("focus", load, { once: true })
  form.addEventListener("reset", () => setTimeout(search))
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
