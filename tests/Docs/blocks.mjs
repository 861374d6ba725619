// Extracts the fenced code blocks of a markdown file: language, first line, text, and the doc-test marker
// (an HTML comment `<!-- doc-test: MODE reason -->` on the last non-empty line before the fence).
import { readFileSync } from 'node:fs'

export const modes = ['skip', 'syntax-only', 'compile-only']

export function extractBlocks(path, file) {
  const lines = readFileSync(path, 'utf8').split('\n')
  const blocks = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i])
    if (!open) continue
    const [, indent, lang] = open
    const start = i
    const body = []
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i].slice(indent.length))
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: code fence never closed`)
    blocks.push({ file, line: start + 1, lang: lang.toLowerCase(), text: body.join('\n'), marker: markerBefore(lines, start, file) })
  }
  return blocks
}

function markerBefore(lines, fence, file) {
  let j = fence - 1
  while (j >= 0 && lines[j].trim() === '') j--
  const m = j >= 0 && /^\s*<!--\s*doc-test:\s*(\S+)\s*(.*?)\s*-->\s*$/.exec(lines[j])
  if (!m) return null
  if (!modes.includes(m[1])) throw new Error(`${file}:${j + 1}: unknown doc-test mode "${m[1]}" (one of ${modes.join(', ')})`)
  if (!m[2]) throw new Error(`${file}:${j + 1}: a doc-test marker needs a reason`)
  return { mode: m[1], reason: m[2] }
}
