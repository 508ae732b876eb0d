//! Text for people in their language (zh-CN, es-CL or en), from the Fluent
//! files in `locales/`, built into the binary. Only the chosen file is
//! parsed, on first use. JSON, CSV, exit codes and `-v` notes stay English.

use std::str::FromStr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language topup speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr, strum::FromRepr)]
#[repr(u8)]
pub enum Lang {
    #[strum(serialize = "en")]
    En,
    #[strum(serialize = "es-CL")]
    Es,
    #[strum(serialize = "zh-CN")]
    Zh,
}

impl Lang {
    /// The language of a locale name as people and systems write it
    /// (`zh_CN.UTF-8`, `es-CL`, `zh-Hans`, `C`), if topup speaks it.
    /// Traditional Chinese locales get Simplified Chinese until topup has
    /// Traditional; every Spanish locale gets Chile's Spanish.
    pub fn from_locale(name: &str) -> Option<Lang> {
        let name = name.trim().split(['.', '@', ':']).next().unwrap_or_default();
        let language = name.split(['_', '-']).next().unwrap_or_default().to_ascii_lowercase();
        match language.as_str() {
            "zh" => Some(Lang::Zh),
            "es" => Some(Lang::Es),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The language's messages: its files (`locales/LANG/*.ftl`, one per
    /// part of topup) as `build.rs` packed them, inflated. The files are
    /// ours and checked by tests: a blob that does not inflate shows ids.
    fn messages(self) -> String {
        let packed: &[u8] = match self {
            Lang::En => include_bytes!(concat!(env!("OUT_DIR"), "/en.ftl.deflate")),
            Lang::Es => include_bytes!(concat!(env!("OUT_DIR"), "/es-CL.ftl.deflate")),
            Lang::Zh => include_bytes!(concat!(env!("OUT_DIR"), "/zh-CN.ftl.deflate")),
        };
        miniz_oxide::inflate::decompress_to_vec(packed)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

/// A language name topup does not speak.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("lang-unknown", name = .0.as_str()))]
pub struct LangError(String);

impl FromStr for Lang {
    type Err = LangError;
    fn from_str(s: &str) -> Result<Lang, LangError> {
        Lang::from_locale(s).ok_or_else(|| LangError(s.trim().to_string()))
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// Where the reader's language can come from, most deliberate first.
#[derive(Debug, Default, Clone)]
pub struct Asked {
    /// `--lang`.
    pub flag: Option<Lang>,
    /// `TOPUP_LANG`.
    pub topup_lang: Option<String>,
    /// The config's `language`.
    pub config: Option<Lang>,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`, `LANGUAGE`, in that order.
    pub locale: Vec<String>,
}

impl Asked {
    /// The first source that names a language topup speaks; English when
    /// none does. `None` for the language when nothing asked for one (so
    /// `schedule` knows not to write it).
    pub fn choose(&self) -> (Lang, Option<Lang>) {
        let topup_lang = self.topup_lang.as_deref().and_then(Lang::from_locale);
        let locale = self
            .locale
            .iter()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| Lang::from_locale(l));
        let chosen = self.flag.or(topup_lang).or(self.config).or(locale);
        (chosen.unwrap_or(Lang::En), chosen)
    }

    /// The locale variables of this process, and `sys-locale`'s answer
    /// when none is set (systems whose locale is not in the environment).
    pub fn from_env(flag: Option<Lang>) -> Asked {
        let var = |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let mut locale: Vec<String> = ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"]
            .into_iter()
            .filter_map(var)
            .collect();
        if locale.is_empty() {
            locale.extend(sys_locale::get_locale());
        }
        Asked {
            flag,
            topup_lang: var("TOPUP_LANG"),
            config: None,
            locale,
        }
    }
}

static LANG: AtomicU8 = AtomicU8::new(Lang::En as u8);
/// `Asked::choose`'s choice, `NONE` when nothing asked for a language.
static CHOSEN: AtomicU8 = AtomicU8::new(NONE);
const NONE: u8 = u8::MAX;
static BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();

/// Sets the language for the rest of the run, as `Asked::choose` gives it.
/// Text already shown keeps its language; the messages are read on first use.
/// With `--json` everything topup writes is for programs, its errors and
/// warnings included: English, whatever was chosen.
pub fn set((lang, chosen): (Lang, Option<Lang>), json: bool) {
    LANG.store(if json { Lang::En } else { lang } as u8, Ordering::Relaxed);
    CHOSEN.store(chosen.map_or(NONE, |l| l as u8), Ordering::Relaxed);
}

pub fn lang() -> Lang {
    Lang::from_repr(LANG.load(Ordering::Relaxed)).unwrap_or(Lang::En)
}

/// The language when something asked for one (not the English default):
/// `schedule` writes it for cron, which starts jobs without a locale.
pub fn chosen() -> Option<Lang> {
    Lang::from_repr(CHOSEN.load(Ordering::Relaxed))
}

/// The message `id` in the chosen language; the id itself if it is missing
/// (a test checks every id is in every file).
pub fn text(id: &str, args: Option<&FluentArgs>) -> String {
    let bundle = BUNDLE.get_or_init(|| bundle(lang()));
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, args, &mut errors).into_owned()
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.as_str().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Bidi isolation marks would show as escapes once made terminal-safe.
    bundle.set_use_isolating(false);
    // The files are ours and checked by tests: a broken one shows ids.
    let resource = FluentResource::try_new(lang.messages()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// `t!("id")` or `t!("id", name = value, …)`: a message in the reader's
/// language; values are anything Fluent takes (text, numbers).
#[macro_export]
macro_rules! t {
    ($id:expr) => {
        $crate::i18n::text($id, None)
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = fluent_bundle::FluentArgs::new();
        $(args.set(stringify!($name), $value);)+
        $crate::i18n::text($id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn locale_names() {
        let table = [
            ("zh_CN.UTF-8", Some(Lang::Zh)),
            ("zh_SG", Some(Lang::Zh)),
            ("zh-Hans", Some(Lang::Zh)),
            ("zh_TW.UTF-8", Some(Lang::Zh)),
            ("zh_HK", Some(Lang::Zh)),
            ("es_CL.UTF-8", Some(Lang::Es)),
            ("es_ES@euro", Some(Lang::Es)),
            ("es", Some(Lang::Es)),
            ("en_US.UTF-8", Some(Lang::En)),
            ("C", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("zh_CN:en_US", Some(Lang::Zh)),
            ("fr_FR.UTF-8", None),
            ("", None),
        ];
        for (name, want) in table {
            assert_eq!(Lang::from_locale(name), want, "{name:?}");
        }
    }

    #[test]
    fn the_most_deliberate_source_wins() {
        let asked = |flag, topup: Option<&str>, config, locale: &[&str]| {
            Asked {
                flag,
                topup_lang: topup.map(str::to_string),
                config,
                locale: locale.iter().map(|l| l.to_string()).collect(),
            }
            .choose()
        };
        let (zh, es, en) = (Some(Lang::Zh), Some(Lang::Es), Some(Lang::En));
        assert_eq!(asked(zh, Some("es"), en, &["en_US"]), (Lang::Zh, zh));
        assert_eq!(asked(None, Some("es_CL"), zh, &["en_US"]), (Lang::Es, es));
        assert_eq!(asked(None, None, zh, &["es_CL.UTF-8"]), (Lang::Zh, zh));
        assert_eq!(asked(None, None, None, &["es_CL.UTF-8"]), (Lang::Es, es));
        // An unknown TOPUP_LANG falls through; the first set locale variable counts.
        assert_eq!(asked(None, Some("fr"), None, &["", "zh_TW.UTF-8"]), (Lang::Zh, zh));
        assert_eq!(asked(None, None, None, &[]), (Lang::En, None));
        assert_eq!(asked(None, None, None, &["fr_FR"]), (Lang::En, None));
    }

    /// Every message is in every language, with the same variables.
    #[test]
    fn every_file_has_every_message_with_the_same_variables() {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        use std::collections::{BTreeMap, BTreeSet};
        fn variables(pattern: &Pattern<&str>, found: &mut BTreeSet<String>) {
            for element in &pattern.elements {
                let PatternElement::Placeable { expression } = element else {
                    continue;
                };
                let (inline, variants) = match expression {
                    Expression::Inline(inline) => (inline, None),
                    Expression::Select { selector, variants } => (selector, Some(variants)),
                };
                if let InlineExpression::VariableReference { id } = inline {
                    found.insert(id.name.to_string());
                }
                for variant in variants.into_iter().flatten() {
                    variables(&variant.value, found);
                }
            }
        }
        let messages = |lang: Lang| -> BTreeMap<String, BTreeSet<String>> {
            let mut all = BTreeMap::new();
            let text = lang.messages();
            {
                let resource = fluent_syntax::parser::parse(text.as_str())
                    .unwrap_or_else(|(_, errors)| panic!("{lang:?}: {errors:?}"));
                for entry in &resource.body {
                    if let Entry::Message(m) = entry {
                        let mut found = BTreeSet::new();
                        if let Some(value) = &m.value {
                            variables(value, &mut found);
                        }
                        // Each id once, across the files.
                        assert!(
                            all.insert(m.id.name.to_string(), found).is_none(),
                            "{lang:?}: {} twice",
                            m.id.name
                        );
                    }
                }
            }
            all
        };
        let english = messages(Lang::En);
        assert!(!english.is_empty());
        for lang in Lang::iter() {
            assert_eq!(messages(lang), english, "{lang:?}");
        }
    }
}
