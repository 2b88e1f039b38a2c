/* The organization finder of the home page (docs/index.md; docs/search.md, «Поиск организации»).
 * Its list (build_tools/site/finder.py) holds every organization and group of the registry with the
 * words it is found by; it is fetched on the first letter typed, and searched here, letter by letter.
 * Every word of the query must begin a word of the entry («46» also begins «460»: the entry that has
 * the very word comes first); a word of five letters and more is looked up without its ending
 * («школы» finds «школа»). Without scripts the form stays hidden and the text below it leads on. */
(() => {
  const form = document.querySelector("[data-pk-finder]")
  if (!form) return
  const input = form.querySelector("input")
  const status = form.querySelector(".pk-finder-status")
  const list = form.querySelector(".pk-finder-results")
  const config = JSON.parse(document.getElementById("__config").textContent)
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href)  // the list's URLs are the site's
  const SHOWN = 10
  const WORD = /\p{L}+|\d+/gu  // finder.py WORD: a run of letters or of digits

  const words = text => text.toLowerCase().replaceAll("ё", "е").match(WORD) ?? []
  const beginning = word => /\d/.test(word) || word.length < 5 ? word : word.replace(/[аеиоуыэюяйь]+$/u, "")

  let entries = null
  const load = () => entries ??= fetch(new URL(form.dataset.pkFinder, root))
    .then(response => response.json())
    .then(rows => rows.map(([name, note, url, keys]) => ({ name, note, url, keys: keys.split(" ") })))

  /* 2 for a word the entry has as it is, 1 for one that begins a word of it; 0 if a word finds nothing. */
  const score = (entry, query) => {
    let total = 0
    for (const word of query) {
      const start = beginning(word)
      if (entry.keys.includes(word)) total += 2
      else if (entry.keys.some(key => key.startsWith(start))) total += 1
      else return 0
    }
    return total
  }

  const item = entry => {
    const li = document.createElement("li")
    const link = document.createElement("a")
    link.href = new URL(entry.url, root).href
    link.textContent = entry.name
    const note = document.createElement("span")
    note.className = "pk-finder-note"
    note.textContent = entry.note
    li.append(link, note)
    return li
  }

  let latest = 0
  const find = async () => {
    const asked = ++latest
    const query = words(input.value)
    if (!query.length) {
      list.replaceChildren()
      status.textContent = ""
      return
    }
    const all = await load()
    if (asked !== latest) return
    const found = all.map(entry => ({ entry, score: score(entry, query) }))
      .filter(result => result.score > 0)
      .sort((a, b) => b.score - a.score)  // stable: equal scores keep the list's order, by name
    list.replaceChildren(...found.slice(0, SHOWN).map(result => item(result.entry)))
    status.textContent = !found.length ? "Не найдено. Попробуйте иначе: номер, город или район; ниже — где ещё искать."
      : found.length > SHOWN ? `Найдено: ${found.length}, показаны первые ${SHOWN}. Уточните: добавьте номер или город.`
      : `Найдено: ${found.length}.`
  }

  form.hidden = false
  input.addEventListener("input", find)
  form.addEventListener("submit", event => {
    event.preventDefault()
    list.querySelector("a")?.click()
  })
  if (input.value) find()  // a value the browser restored on «back»
})()
