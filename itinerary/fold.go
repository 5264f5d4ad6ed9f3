package itinerary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Fold is the form text is compared in: NFC, lower case, full-width forms
// narrowed, and the marks of Latin letters dropped (é→e, ō→o, ệ→e, đ→d),
// so that "kogyo" finds "Kōgyō" and "sofia" finds "Sofía". Other scripts
// are kept as they are (Hangul, kana and Han match as typed). Each rune
// folds to at most one rune (FoldRune), so a front end can fold a string
// rune by rune to find where a folded word lies in it.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	latin := false
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) && latin {
			continue // a mark that did not compose with its Latin letter
		}
		f := FoldRune(r)
		latin = f < utf8.RuneSelf && isLetter(f)
		b.WriteRune(f)
	}
	return b.String()
}

func isLetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// FoldRune folds one rune as Fold does (Fold also drops the marks that
// follow a Latin letter in decomposed text).
func FoldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	switch r {
	case 'đ', 'Đ':
		return 'd'
	case 'ł', 'Ł':
		return 'l'
	case 'ø', 'Ø':
		return 'o'
	case 'ı':
		return 'i'
	case '‐', '‑', '‒', '–', '—', '−':
		return '-'
	case '‘', '’', 'ʼ', '`', '´':
		return '\''
	}
	if p := width.LookupRune(r); p.Kind() == width.EastAsianFullwidth || p.Kind() == width.EastAsianHalfwidth {
		if n := p.Folded(); n != 0 {
			r = n
			if r < utf8.RuneSelf {
				return FoldRune(r)
			}
		}
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFKD.Properties(buf[:n]).Decomposition(); len(d) > 0 {
		base, size := utf8.DecodeRune(d)
		if base < utf8.RuneSelf && isLetter(base) && onlyMarks(d[size:]) {
			return FoldRune(base)
		}
	}
	return unicode.ToLower(r)
}

func onlyMarks(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if !unicode.Is(unicode.Mn, r) {
			return false
		}
		b = b[size:]
	}
	return true
}

// nameSeparators are what a name may carry inside it that typing may leave
// out: "Seo-yeon" is "Seoyeon", "Ken'ichi" is "Kenichi", "C. C." is "CC".
const nameSeparators = "-'."

// compactName is a folded name without its separators.
func compactName(s string) string {
	if !strings.ContainsAny(s, nameSeparators) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(nameSeparators, r) {
			return -1
		}
		return r
	}, s)
}

// Hangul syllables, as Unicode composes them: 19 initials × 21 medials ×
// 28 finals (the first final is none).
const (
	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
)

// The Revised Romanization of Korean (2000) for each jamo of a syllable.
// Finals are given as they sound at the end of a syllable (ㅅ, ㅈ, ㅎ → t;
// a double final by the consonant that is pronounced).
var (
	rrInitials = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	rrMedials  = [21]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	rrFinals   = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// Romanize writes the Hangul syllables of s in the Revised Romanization,
// syllable by syllable (경계현 → gyeonggyehyeon, 박은혜 → bakeunhye): the
// sound changes between syllables (ㄱ+ㄴ → ngn, the liaison of a final
// onto a silent initial) are not applied, which is how most people key a
// Korean name in Latin letters. Other text is kept; ok is false when s has
// no Hangul syllable.
func Romanize(s string) (string, bool) {
	var b strings.Builder
	ok := false
	for _, r := range s {
		if r < hangulFirst || r > hangulLast {
			b.WriteRune(r)
			continue
		}
		ok = true
		n := int(r - hangulFirst)
		b.WriteString(rrInitials[n/(21*28)])
		b.WriteString(rrMedials[n%(21*28)/28])
		b.WriteString(rrFinals[n%28])
	}
	if !ok {
		return "", false
	}
	return b.String(), true
}
