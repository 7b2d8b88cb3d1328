# Shell functions for the local SMTP capture of run.sh and test.sh: smtp4dev, a real SMTP server process that
# keeps the mails it receives (in memory) and shows them on a web page and an HTTP API. Sourced, not run.

SMTP4DEV_VERSION=3.15.0

# The tool's path: .tools/smtp4dev/smtp4dev in the repository (installed once; git-ignored).
smtp4dev_path() { echo "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.tools/smtp4dev/smtp4dev"; }

# Installs smtp4dev from NuGet (dotnet tool) unless it is there already.
install_smtp4dev() {
  local tool; tool=$(smtp4dev_path)
  [ -x "$tool" ] && return 0
  echo "Installing smtp4dev $SMTP4DEV_VERSION (the local SMTP capture)…"
  dotnet tool install Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" --tool-path "$(dirname "$tool")" >/tmp/aw-smtp4dev-install.log 2>&1 \
    || { tail -20 /tmp/aw-smtp4dev-install.log; return 1; }
}

# smtp4dev_start <smtp port> <web port> <folder> <log>: starts it on loopback, in the background; prints its PID.
smtp4dev_start() {
  local home="$3"; mkdir -p "$home"
  (HOME="$home" exec "$(smtp4dev_path)" --urls="http://127.0.0.1:$2" --smtpport="$1" --bindaddress=127.0.0.1 --disableipv6 \
    --imapport= --pop3port= --db= --nousersettings --hostname=localhost --tlsmode=None --baseappdatapath="$home" >"$4" 2>&1) &
  echo $!
}
