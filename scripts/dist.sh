#!/usr/bin/env bash
# Release artefacts for people without a Rust toolchain (README "Install").
#
#   scripts/dist.sh [--smoke] [--deb] [TARGET]...
#   scripts/dist.sh --assets BINARY [DIR]   only the man pages and completions, made by
#                                           BINARY, into DIR (target/assets, where
#                                           [package.metadata.deb] takes them)
#   scripts/dist.sh --check-deb             CI: `cargo deb --no-build` on the debug binary
#                                           (target/debug/topup), into a temporary folder
#
# Builds topup with the release profile as a static musl binary for each TARGET
# (default: x86_64-unknown-linux-musl aarch64-unknown-linux-musl
# armv7-unknown-linux-musleabihf) with cargo-zigbuild (zig as the C compiler for
# the bundled SQLite and ring), strips it, and packs
# topup-VERSION-TARGET.tar.gz: the binary, man pages, bash/zsh/fish completions,
# README.md, config.example.toml and the licences; then SHA256SUMS. Everything
# lands in $CARGO_TARGET_DIR/dist (target/dist).
#
#   --smoke  runs each foreign binary under qemu-user (`--version`, `plans --json`,
#            `balance --json` on the sandbox, in a temporary state directory at a
#            fixed TOPUP_NOW) and fails on any difference from the native binary:
#            stdout, stderr and exit code.
#   --deb    also a .deb per target from the same binary (cargo-deb, metadata in
#            Cargo.toml's [package.metadata.deb]).
#
# Man pages and completions are made by the native (x86_64) binary, so the script
# runs on x86_64 Linux. Missing tools are installed from the package registries:
# cargo-zigbuild and cargo-deb from crates.io, zig from PyPI (ziglang), qemu-user
# from Debian. A target whose standard library rustup cannot provide is built with
# the standard library from source (rust-src, -Zbuild-std).
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned, so the same commit gives the same artefacts.
ZIGBUILD_VERSION=0.24.1
ZIG_VERSION=0.17.1
CARGO_DEB_VERSION=3.8.0
NATIVE=x86_64-unknown-linux-musl
DEFAULT_TARGETS=("$NATIVE" aarch64-unknown-linux-musl armv7-unknown-linux-musleabihf)
# Where the generated assets go: the paths [package.metadata.deb] names.
ASSETS=target/assets
# The sandbox as the smoke test runs it: a fixed clock, no config.
SMOKE_NOW=2026-11-25T12:00:00Z
SMOKE_COMMANDS=("--version" "plans --json" "balance --json")

die() { echo "dist.sh: $*" >&2; exit 1; }
say() { echo "dist.sh: $*" >&2; }

# Man pages: topup(1), then every page a page refers to (topup-renew(1),
# topup-config-init(1), …), each from `topup generate man COMMAND…`.
man_pages() { # BINARY DIR
    local bin=$1 dir=$2 name page
    local queue=(topup)
    mkdir -p "$dir"
    while ((${#queue[@]})); do
        name=${queue[0]}
        queue=("${queue[@]:1}")
        page="$dir/$name.1"
        [ -e "$page" ] && continue
        local words=()
        IFS=- read -ra words <<<"$name"
        env -i HOME=/nonexistent "$bin" generate man "${words[@]:1}" >"$page" \
            || die "topup generate man ${words[*]:1} failed (a page names ${name}(1))"
        # roff writes a hyphen as \-: topup\-config\-init(1).
        while read -r ref; do
            queue+=("$ref")
        done < <(grep -oE 'topup(\\-[a-z]+)+\(1\)' "$page" | sed 's/\\//g; s/(1)$//' | sort -u)
    done
}

# Completion scripts under the names each shell looks for.
completions() { # BINARY DIR
    local bin=$1 dir=$2
    mkdir -p "$dir"
    env -i HOME=/nonexistent "$bin" generate completions bash >"$dir/topup.bash"
    env -i HOME=/nonexistent "$bin" generate completions zsh >"$dir/_topup"
    env -i HOME=/nonexistent "$bin" generate completions fish >"$dir/topup.fish"
}

assets() { # BINARY DIR
    rm -rf "$2/man" "$2/completions"
    man_pages "$1" "$2/man"
    completions "$1" "$2/completions"
    say "made in $2: $(cd "$2" && find man completions -type f | sort | tr '\n' ' ')"
}

apt_updated=false
apt_install() { # PACKAGE…
    command -v apt-get >/dev/null || die "install $* (Debian packages) first"
    $apt_updated || { apt-get update -qq; apt_updated=true; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

cargo_tool() { # CRATE VERSION
    if ! "$1" --version 2>/dev/null | grep -qx "$1 $2"; then
        say "installing $1 $2 (crates.io)"
        # Its own temporary target directory, not the project's.
        env -u CARGO_TARGET_DIR nice -n 10 cargo install --locked --quiet "$1@$2"
    fi
}

# cargo-deb on the debug binary, for CI: the metadata, each asset's source and
# destination as cargo-deb reads them, without a release build.
check_deb() {
    cargo_tool cargo-deb "$CARGO_DEB_VERSION"
    local bin="${CARGO_TARGET_DIR:-target}/debug/topup" out
    [ -x "$bin" ] || die "no $bin: cargo build --bin topup first"
    assets "$bin" "$ASSETS"
    out=$(mktemp -d)
    cargo deb --quiet --no-build --profile dev --fast --output "$out/" >/dev/null
    say "cargo deb made a package of $(dpkg-deb --contents "$out"/*.deb | grep -vc '/$') files from the metadata"
    rm -rf "$out"
}

case ${1:-} in
    --assets)
        [ $# -eq 2 ] || [ $# -eq 3 ] || die "usage: scripts/dist.sh --assets BINARY [DIR]"
        assets "$2" "${3:-$ASSETS}"
        exit 0
        ;;
    --check-deb)
        [ $# -eq 1 ] || die "usage: scripts/dist.sh --check-deb"
        check_deb
        exit 0
        ;;
esac

smoke=false deb=false targets=()
for arg in "$@"; do
    case $arg in
        --smoke) smoke=true ;;
        --deb) deb=true ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option $arg (see --help)" ;;
        *) targets+=("$arg") ;;
    esac
done
((${#targets[@]})) || targets=("${DEFAULT_TARGETS[@]}")
[[ " ${targets[*]} " == *" $NATIVE "* ]] || targets=("$NATIVE" "${targets[@]}")
[ "$(uname -m)" = x86_64 ] || die "runs on x86_64 Linux (the native binary makes the man pages)"

# --- tools ---------------------------------------------------------------
cargo_tool cargo-zigbuild "$ZIGBUILD_VERSION"
# cargo-zigbuild runs `python3 -m ziglang` when there is no zig on the PATH.
if ! command -v zig >/dev/null && [ "$(python3 -m ziglang version 2>/dev/null)" != "$ZIG_VERSION" ]; then
    say "installing zig $ZIG_VERSION (PyPI: ziglang)"
    python3 -m pip install --quiet "ziglang==$ZIG_VERSION"
fi
$deb && cargo_tool cargo-deb "$CARGO_DEB_VERSION"

declare -A build_std=()
for t in "${targets[@]}"; do
    if ! rustup target list --installed | grep -qx "$t" && ! rustup target add "$t" >/dev/null 2>&1; then
        # No prebuilt standard library for this toolchain (seen for armv7 musl
        # on a rustup mirror): build it from source with the same compiler.
        say "$t: no prebuilt standard library from rustup; building it from rust-src"
        rustup component add rust-src >/dev/null
        build_std[$t]=1
    fi
done

# rustc's own llvm-objcopy strips every target's binaries; it loads the
# toolchain's libLLVM.
sysroot=$(rustc --print sysroot)
objcopy="$sysroot/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/rust-objcopy"
[ -x "$objcopy" ] || die "no $objcopy (it comes with rustc; for strip)"
strip_binary() { LD_LIBRARY_PATH="$sysroot/lib" "$objcopy" --strip-all "$1"; }

if $smoke; then
    for t in "${targets[@]}"; do
        case $t in
            aarch64-*) command -v qemu-aarch64 >/dev/null || apt_install qemu-user ;;
            armv7-*) command -v qemu-arm >/dev/null || apt_install qemu-user ;;
        esac
    done
fi

# --- build ------------------------------------------------------------------
target_dir=${CARGO_TARGET_DIR:-target}
dist="$target_dir/dist"
version=$(cargo pkgid | sed 's/.*[#@]//')
# The archives' dates: the commit's. Not exported: the C builds of ring and
# SQLite rebuild when SOURCE_DATE_EPOCH changes.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
rm -rf "$dist"
mkdir -p "$dist"

# A target built with its standard library from source gets a target directory
# of its own: RUSTC_BOOTSTRAP would otherwise rebuild the host crates (proc
# macros, build scripts) that every other build shares, each time it changes.
build_dir() { # TARGET
    if [ -n "${build_std[$1]:-}" ]; then echo "$target_dir/build-std"; else echo "$target_dir"; fi
}

declare -A binary=()
for t in "${targets[@]}"; do
    say "building $t"
    start=$SECONDS
    if [ -n "${build_std[$t]:-}" ]; then
        # Without rustup's copy there are no self-contained crt objects for
        # rustc to pass: zig's musl brings its own.
        env CARGO_TARGET_DIR="$(build_dir "$t")" \
            "CARGO_TARGET_$(echo "$t" | tr a-z- A-Z_)_RUSTFLAGS=-C link-self-contained=no" \
            RUSTC_BOOTSTRAP=1 nice -n 10 cargo zigbuild --release --locked --target "$t" \
            -Zbuild-std=std,panic_abort
    else
        nice -n 10 cargo zigbuild --release --locked --target "$t"
    fi
    bin="$(build_dir "$t")/$t/release/topup"
    # Symbols are of no use on a router's flash; Debian strips too. (zig's
    # linker leaves none today; this keeps it so.)
    strip_binary "$bin"
    binary[$t]=$bin
    say "built $t in $((SECONDS - start)) s: $(stat -c %s "$bin") bytes stripped"
done
native=${binary[$NATIVE]}

assets "$native" "$ASSETS"

for t in "${targets[@]}"; do
    name="topup-$version-$t"
    stage="$dist/stage/$name"
    mkdir -p "$stage"
    cp "${binary[$t]}" "$stage/topup"
    cp README.md config.example.toml LICENSE-MIT LICENSE-APACHE "$stage/"
    cp -r "$ASSETS/man" "$ASSETS/completions" "$stage/"
    chmod -R u=rwX,go=rX "$stage"
    # The same bytes from the same commit: sorted, dated by the commit, no owner.
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
        -C "$dist/stage" -cf - "$name" | gzip -9n >"$dist/$name.tar.gz"
done
rm -rf "$dist/stage"

if $deb; then
    for t in "${targets[@]}"; do
        # Stripped above; cargo-deb would look for a cross strip.
        CARGO_TARGET_DIR="$(build_dir "$t")" cargo deb --no-build --no-strip --target "$t" --output "$dist/" >&2
    done
fi

(
    cd "$dist"
    files=(*.tar.gz)
    if $deb; then files+=(*.deb); fi
    sha256sum -- "${files[@]}" >SHA256SUMS
)

# --- smoke ------------------------------------------------------------------
if $smoke; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    # Each binary from an empty home and state directory, at the same paths.
    run_all() { # LABEL RUNNER… BINARY
        local label=$1 i=0
        shift
        mkdir -p "$work/out/$label"
        rm -rf "${work:?}/home" "${work:?}/state"
        mkdir -p "$work/home"
        for args in "${SMOKE_COMMANDS[@]}"; do
            i=$((i + 1))
            # shellcheck disable=SC2086 # each command is its words
            env -i HOME="$work/home" TOPUP_STATE_DIR="$work/state" TOPUP_NOW="$SMOKE_NOW" \
                PATH=/usr/bin:/bin "$@" $args \
                >"$work/out/$label/$i.stdout" 2>"$work/out/$label/$i.stderr" \
                && echo 0 >"$work/out/$label/$i.code" || echo $? >"$work/out/$label/$i.code"
        done
    }
    run_all native "$native"
    failed=0
    for t in "${targets[@]}"; do
        [ "$t" = "$NATIVE" ] && continue
        case $t in
            aarch64-*) runner=qemu-aarch64 ;;
            armv7-*) runner=qemu-arm ;;
            *) die "no qemu-user runner known for $t" ;;
        esac
        run_all "$t" "$runner" "${binary[$t]}"
        if diff -r "$work/out/native" "$work/out/$t" >&2; then
            say "smoke $t ($runner): ${#SMOKE_COMMANDS[@]} commands, same stdout, stderr and exit code as native"
        else
            say "smoke $t ($runner): differs from the native binary (above)"
            failed=1
        fi
    done
    for ((i = 1; i <= ${#SMOKE_COMMANDS[@]}; i++)); do
        [ "$(cat "$work/out/native/$i.code")" = 0 ] \
            || die "native \`topup ${SMOKE_COMMANDS[i - 1]}\` failed: $(cat "$work/out/native/$i.stderr")"
    done
    ((failed == 0)) || die "smoke test failed"
fi

say "artefacts in $dist:"
(cd "$dist" && for f in *; do printf '%12s  %s\n' "$(stat -c %s "$f")" "$f"; done) >&2
