// C# blocks: each becomes one file of a generated xunit test project (tests/Docs/generated/) that references every
// src/*/*.csproj. `#line` directives point compiler errors at the markdown file and line. A block that declares
// types is compiled as it is (its [Fact]s run); a block of statements becomes the body of an async method that a
// generated [Fact] runs, unless it is marked compile-only. Its leading `using` lines stay file-level usings; only
// the SDK's implicit usings (what `dotnet new` projects have) are added, so a snippet must name its namespaces.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const usingLine = /^using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>, ]+)?\s*;\s*(\/\/.*)?$/
const fileNamespace = /^namespace\s+([\w.]+)\s*;/m
const typeDeclaration = /^(\[[^\]]*\]\s*)*((public|internal|sealed|static|abstract|partial|file|readonly)\s+)*(class|record|struct|interface|enum)\s/m

export const idOf = block => `${block.file.replace(/\W/g, '_')}_L${block.line}`

// xunit.v3 snippets (an assembly fixture, TestContext.Current) get a project of their own: xunit v2 and v3 types clash.
const xunitV3 = /\[assembly:\s*AssemblyFixture|TestContext\.Current/

export function runCsharp(blocks, ctx) {
  const v3 = blocks.filter(b => xunitV3.test(b.text))
  return [
    ...runProject(blocks.filter(b => !v3.includes(b)), ctx, 'tests/Docs/generated', project),
    ...runProject(v3, ctx, 'tests/Docs/generated-v3', projectV3),
  ]
}

function runProject(blocks, ctx, folder, csproj) {
  if (!blocks.length) return []
  const dir = join(ctx.repo, folder)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'DocSnippets.csproj'), csproj)
  for (const block of blocks) writeFileSync(join(dir, `${idOf(block)}.cs`), source(block, ctx))
  const byId = new Map(blocks.map(b => [fileNamespace.exec(b.text)?.[1] ?? `DocSnippets.${idOf(b)}`, b]))
  const build = spawnSync('dotnet', ['build', dir, '-c', ctx.configuration, '-nologo', '-v', 'quiet', '-clp:NoSummary'], { encoding: 'utf8', cwd: ctx.repo })
  if (build.status !== 0) return compileFailures(build.stdout + build.stderr, blocks, ctx)
  if (!blocks.some(b => b.marker?.mode !== 'compile-only' || typeDeclaration.test(b.text))) return []
  const test = spawnSync('dotnet', ['test', dir, '-c', ctx.configuration, '--no-build', '-nologo'], { encoding: 'utf8', cwd: ctx.repo })
  ctx.verbose(test.stdout)
  if (test.status === 0) return []
  const failed = [...byId.keys()].filter(ns => test.stdout.includes(`Failed ${ns}.`))
  if (!failed.length) return [{ block: blocks[0], line: blocks[0].line, message: `dotnet test failed:\n${test.stdout}${test.stderr}` }]
  return failed.map(ns => ({ block: byId.get(ns), line: byId.get(ns).line, message: `the snippet's test fails:\n${excerpt(test.stdout, ns)}` }))
}

function source(block, ctx) {
  const lines = block.text.split('\n')
  let head = 0
  while (head < lines.length && (usingLine.test(lines[head]) || !lines[head].trim())) head++
  const usings = lines.slice(0, head).filter(l => l.trim()).join('\n')
  const body = [`#line ${block.line + 1} "${join(ctx.repo, block.file)}"`, ...lines.map((l, i) => (i < head ? '' : l)), '#line default'].join('\n')
  const ns = `DocSnippets.${idOf(block)}`
  if (fileNamespace.test(block.text)) return `${usings}\n\n${body}\n`   // its own namespace: as written
  if (typeDeclaration.test(lines.slice(head).join('\n'))) return `${usings}\n\nnamespace ${ns}\n{\n${body}\n}\n`
  const fact = block.marker?.mode === 'compile-only' ? '' : 'public sealed class Run { [Xunit.Fact] public Task Snippet_runs_as_written() => Snippet.RunAsync(); }'
  return `${usings}\n#pragma warning disable CS1998\n\nnamespace ${ns}\n{\npublic static class Snippet\n{\npublic static async Task RunAsync()\n{\n${body}\n}\n}\n${fact}\n}\n`
}

function compileFailures(output, blocks, ctx) {
  const errors = [...new Set(output.split('\n').filter(l => /: error /.test(l)).map(l => l.replace(/\s+\[[^\]]*\]\s*$/, '').trim()))]
  const failures = []
  for (const error of errors) {
    const at = /^(.*?\.md)\((\d+),\d+\): (.*)$/.exec(error)
    const file = at && relative(ctx.repo, at[1])
    const block = at && blocks.findLast(b => b.file === file && b.line < Number(at[2]))
    failures.push(block ? { block, line: Number(at[2]), message: at[3] } : { block: blocks[0], line: blocks[0].line, message: `the generated project does not build: ${error}` })
  }
  return failures.length ? failures : [{ block: blocks[0], line: blocks[0].line, message: `the generated project does not build:\n${output}` }]
}

function excerpt(output, ns) {
  const i = output.indexOf(`Failed ${ns}.`)
  return output.slice(i, i + 3000)
}

// The generated project: xunit v2 over every src/ project but the xunit.v3 fixture (whose types clash with v2), or
// xunit.v3 (an executable) over that fixture alone.
const projectFor = ({ xunit, exe, references, what }) => `<Project Sdk="Microsoft.NET.Sdk">
  <!-- Generated by tests/Docs/run.mjs from the ${what} of the docs; not part of the solution. -->
  <PropertyGroup>
    <IsPackable>false</IsPackable>
    <IsTestProject>true</IsTestProject>${exe ? '\n    <OutputType>Exe</OutputType>' : ''}
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" />
    <PackageReference Include="${xunit}" />
    <PackageReference Include="xunit.runner.visualstudio" />
  </ItemGroup>
  <ItemGroup>
    ${references}
  </ItemGroup>
</Project>
`

const project = projectFor({
  what: 'csharp blocks',
  xunit: 'xunit',
  references: '<ProjectReference Include="../../../src/*/*.csproj" Exclude="../../../src/*.V3/*.csproj" />',
})

const projectV3 = projectFor({
  what: 'xunit.v3 csharp blocks',
  xunit: 'xunit.v3',
  exe: true,
  references: '<ProjectReference Include="../../../src/Emulator.Xunit.V3/Emulator.Xunit.V3.csproj" />',
})
