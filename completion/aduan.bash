# bash completion for aduan: the commands, each command's options as its
# --help lists them (the SOP's fields among them, as the recording
# commands take them), the case numbers a command takes, and the words
# of --role, --outcome, --status, --format and the letters' kinds.  Every
# list is asked of aduan itself, in the C locale, so that it follows the
# SOP in force and the commands installed.

_aduan_words() {
	local cmd=$1 what=$2
	case $what in
	commands)
		LC_ALL=C aduan help 2>/dev/null |
		    sed -n 's/^   \([a-z][a-z-]*\)  .*/\1/p'
		;;
	options)
		LC_ALL=C aduan "$cmd" --help 2>/dev/null |
		    grep -o -- '--[a-z][a-z0-9-]*' | sort -u
		;;
	open)
		aduan list --format tsv 2>/dev/null | cut -f1
		;;
	all)
		aduan list --status all --format tsv 2>/dev/null | cut -f1
		;;
	roles)
		LC_ALL=C aduan sop --format json 2>/dev/null |
		    grep -o '"pelaksana":"[a-z_]*"' | cut -d'"' -f4 | sort -u
		;;
	outcomes)
		LC_ALL=C aduan list --outcome - 2>&1 >/dev/null |
		    sed -n 's/.*give \(.*\); try.*/\1/p' | tr -d ',' | tr ' ' '\n'
		;;
	kinds)
		aduan surat --list 2>/dev/null | cut -d' ' -f1
		;;
	cancels)
		LC_ALL=C aduan close --help 2>/dev/null |
		    sed -n 's/^  --batal \([a-z][a-z-]*\) .*/\1/p'
		;;
	esac
}

_aduan() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd= i words

	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [ -z "$cmd" ]; then
		words=$(_aduan_words "" commands)
		COMPREPLY=($(compgen -W "help $words" -- "$cur"))
		return
	fi
	case $prev in
	--role) words=$(_aduan_words "$cmd" roles) ;;
	--outcome) words=$(_aduan_words "$cmd" outcomes) ;;
	--batal) words=$(_aduan_words "$cmd" cancels) ;;
	--status) words="open closed all $(_aduan_words "$cmd" outcomes)" ;;
	--format) words="text tsv json csv pdf" ;;
	-D|--data-dir|--sop|--kantor|--templat|--kota|--seal-dir|-o|--output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	*)
		if [[ $cur == -* ]]; then
			words=$(_aduan_words "$cmd" options)
		else
			case $cmd in
			assign|panggil|musyawarah|close)
				words=$(_aduan_words "$cmd" open) ;;
			show|koreksi|verify)
				words=$(_aduan_words "$cmd" all) ;;
			surat)
				# The kind first, then the case.
				if [ "$((COMP_CWORD - i))" -le 1 ]; then
					words=$(_aduan_words "$cmd" kinds)
				else
					words=$(_aduan_words "$cmd" all)
				fi
				;;
			help) words=$(_aduan_words "" commands) ;;
			esac
		fi
		;;
	esac
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _aduan aduan
