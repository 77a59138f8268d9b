# The shell itself: files, heredocs, pipes, variables, aliases, errors.
pwd
echo "Hello, $USER" from '$HOME' "$HOME"

cat > notes.txt <<EOF
first line
# not a comment: heredoc bodies keep every line

last line from $HOSTNAME
EOF
cat notes.txt
wc -l notes.txt
ls
ls -l
grep -n line notes.txt | head -n 1

cat <<'EOF' > literal.txt
$HOME stays as written
EOF
cat literal.txt

mkdir -p manifests/dev && cd manifests && pwd
cd
ls manifests/
rm literal.txt; ls
cat nope.yaml
rm nope.yaml
nosuchcommand --flag
echo "status: $?"

NAME=web
echo "pod name: ${NAME}-1, length ${#NAME}, default ${MISSING:-none}"
for i in 1 2 3; do echo "replica $i"; done
if [ -f notes.txt ]; then echo found; else echo missing; fi
echo $((2 * 21)) $(echo nested) `echo backquotes`
echo one; echo two && false || echo three

alias k=kubectl
alias
k version --client
echo -n 'c2VjcmV0' | base64 -d; echo
echo line1 \
  line2
date
sleep 90
date
history | tail -n 4
echo "unterminated
