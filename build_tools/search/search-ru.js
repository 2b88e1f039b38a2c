/*
 * Russian word forms for the site search (build_tools/search, docs/search.md).
 *
 * Appended at build time to Material's lunr.ru.min.js, which its search worker
 * loads after lunr when `search.lang` is `ru`. Material's tokenizer has already
 * split the text on the separator and lowercased it; here:
 *
 * 1. every indexed word and every query term is normalised (ё → е) and reduced
 *    to its Snowball Russian stem (lunr-languages' port, the same algorithm as
 *    Python's snowballstemmer);
 * 2. query terms are stemmed as lunr parses the query: Material appends `*`
 *    to every term and lunr skips its pipeline for wildcard terms, so without
 *    this «аттестации*» would be looked up as it is and miss the indexed stem
 *    «аттестац». The stem goes before the `*`: «аттестац*».
 */
(function (lunr) {
  const snowball = lunr.ru.stemmer
  const stems = new Map()

  /* The form under which a lowercased word is indexed and searched */
  function russianStem(word) {
    let stem = stems.get(word)
    if (stem === undefined) {
      stem = snowball(word.replace(/ё/g, "е"))
      stems.set(word, stem)
    }
    return stem
  }

  /* Takes the place of lunr.ru's plain Snowball stemmer in the index pipeline */
  lunr.ru.stemmer = token => token.update(russianStem)
  lunr.Pipeline.registerFunction(lunr.ru.stemmer, "stemmer-ru-normalised")

  /* A query term is stemmed here, as lunr reads it from the query string, and
     not again by lunr's search pipeline: a stem is not always its own stem */
  const nextClause = lunr.QueryParser.prototype.nextClause
  lunr.QueryParser.prototype.nextClause = function () {
    const clause = this.currentClause
    const word = /^([^*]+)(\*?)$/.exec(clause.term ?? "")
    if (word) {
      clause.term = russianStem(word[1]) + word[2]
      clause.usePipeline = false
    }
    return nextClause.call(this)
  }
})(self.lunr)
