type Writable = { isTTY?: boolean; write: (text: string) => unknown }

/** A plain-text table with columns padded to their widest cell. */
export const formatTable = (headers: string[], rows: (number | string)[][]): string => {
  const cells = [headers, ...rows.map((row) => row.map(String))]
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)))
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n'
}

/** A progress bar on a terminal; silent when output is piped, so logs stay clean. */
export const createProgress = (stream: Writable, total: number) => {
  let count = 0
  const width = 30
  const draw = (label: string) => {
    const filled = Math.round((count / total) * width)
    const name = label.length > 40 ? `…${label.slice(-39)}` : label
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total} ${name}`.padEnd(100))
  }
  return {
    done: () => {
      if (stream.isTTY && count > 0) stream.write('\n')
    },
    tick: (label: string) => {
      count++
      if (stream.isTTY) draw(label)
    },
  }
}
