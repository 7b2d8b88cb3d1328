# Shell functions for the local SMTP capture of run.sh and test.sh: smtp4dev, a real SMTP server process that
# keeps the mails it receives (in memory) and shows them on a web page and an HTTP API. Sourced, not run.

SMTP4DEV_VERSION=3.15.0

# The tool's path: .tools/smtp4dev/smtp4dev in the repository (installed once; git-ignored).
smtp4dev_path() { echo "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.tools/smtp4dev/smtp4dev"; }

# Installs smtp4dev from NuGet (dotnet tool) unless this version is there already.
install_smtp4dev() {
  local tool folder log; tool=$(smtp4dev_path); folder=$(dirname "$tool")
  [ -x "$tool" ] && [ -d "$folder/.store/rnwood.smtp4dev/$SMTP4DEV_VERSION" ] && return 0
  echo "Installing smtp4dev $SMTP4DEV_VERSION (the local SMTP capture)…"
  rm -rf "$folder"
  log=$(mktemp)
  dotnet tool install Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" --tool-path "$folder" >"$log" 2>&1 \
    || { tail -20 "$log"; rm -f "$log"; return 1; }
  rm -f "$log"
}

# smtp4dev_start <smtp port> <web port> <folder> <log>: starts it on loopback, in the background, as a child of the
# calling shell (so the caller can wait for it); its PID is left in SMTP4DEV_PID. Its settings cannot be changed from
# its page (no relaying turned on by a visitor).
smtp4dev_start() {
  local home="$3"; mkdir -p "$home"
  HOME="$home" "$(smtp4dev_path)" --urls="http://127.0.0.1:$2" --smtpport="$1" --bindaddress=127.0.0.1 --disableipv6 \
    --imapport= --pop3port= --db= --nousersettings --locksettings --hostname=localhost --tlsmode=None \
    --baseappdatapath="$home" >"$4" 2>&1 &
  SMTP4DEV_PID=$!
}
