//! The gallery's web page: every scene with its caption, its pictures
//! (written beside the page as SVG files), what the run printed, and its
//! code. Nothing on it is fetched from the network.

use std::fmt::Write as _;
use std::path::Path;

use super::scenes::{Figure, Scene};

/// The page's style: readable text, pictures at their own size in a
/// frame that scrolls when one is wider than the page.
const STYLE: &str = "
body { margin: 0 auto; max-width: 1100px; padding: 0 20px 40px; font-family: system-ui, sans-serif; color: #222; line-height: 1.45; }
header { border-bottom: 1px solid #ddd; margin-bottom: 12px; }
h1 { font-size: 26px; margin: 20px 0 6px; }
h2 { font-size: 20px; margin: 32px 0 6px; border-top: 1px solid #eee; padding-top: 20px; }
nav ol { columns: 2; padding-left: 22px; }
code, pre { font-family: monospace; font-size: 13px; }
p code { background: #f3f3f3; padding: 0 3px; border-radius: 3px; }
figure { margin: 14px 0; }
figcaption { font-size: 13px; color: #555; margin-bottom: 4px; }
figure.picture div { overflow: auto; border: 1px solid #ddd; background: white; }
figure.picture img { display: block; }
pre { background: #f7f7f7; border: 1px solid #e3e3e3; padding: 10px; overflow: auto; }
details summary { cursor: pointer; color: #444; font-size: 14px; }
";

/// Writes `index.html` and each scene's pictures into `dir`.
pub(crate) fn write(dir: &Path, scenes: &[Scene]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'\">\n\
         <title>ownkit gallery: memory management, drawn from real runs</title>\n<style>",
    );
    html.push_str(STYLE);
    html.push_str(
        "</style>\n</head>\n<body>\n<header>\n\
         <h1>Memory management, drawn from real runs</h1>\n\
         <p>Every picture on this page was drawn by ownkit from a run of the code beside it: \
         the drop recorder, the ownership graph, the leak check and the tracking allocator \
         watched the program, and nothing was drawn by hand. Regenerate it with \
         <code>cargo run --example gallery</code>.</p>\n<nav><ol>\n",
    );
    for scene in scenes {
        let _ = writeln!(
            html,
            "<li><a href=\"#{}\">{}</a></li>",
            scene.id,
            escaped(scene.title)
        );
    }
    html.push_str("</ol></nav>\n</header>\n");
    for (number, scene) in scenes.iter().enumerate() {
        let _ = writeln!(
            html,
            "<section id=\"{}\">\n<h2>{}. {}</h2>\n<p>{}</p>",
            scene.id,
            number + 1,
            escaped(scene.title),
            with_code_spans(scene.caption)
        );
        for (index, figure) in scene.figures.iter().enumerate() {
            match figure {
                Figure::Picture { title, svg } => {
                    let file = picture_file(scene.id, index);
                    std::fs::write(dir.join(&file), svg)?;
                    let _ = writeln!(
                        html,
                        "<figure class=\"picture\"><figcaption>{}</figcaption><div>\
                         <img src=\"{file}\" alt=\"{}\"></div></figure>",
                        escaped(title),
                        escaped(title)
                    );
                }
                Figure::Text { title, text } => {
                    let _ = writeln!(
                        html,
                        "<figure class=\"text\"><figcaption>{}</figcaption><pre>{}</pre></figure>",
                        with_code_spans(title),
                        escaped(text)
                    );
                }
            }
        }
        let _ = writeln!(
            html,
            "<details open><summary>the code that drew it</summary><pre><code>{}</code></pre></details>\n</section>",
            escaped(&scene.code)
        );
    }
    html.push_str("</body>\n</html>\n");
    std::fs::write(dir.join("index.html"), html)
}

/// The file name of picture `index` of scene `id`.
pub(crate) fn picture_file(id: &str, index: usize) -> String {
    format!("{id}-{}.svg", index + 1)
}

/// `text` escaped for HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `text` escaped for HTML, with `code` spans in backticks set as code.
fn with_code_spans(text: &str) -> String {
    escaped(text)
        .split('`')
        .enumerate()
        .map(|(index, piece)| {
            if index % 2 == 1 {
                format!("<code>{piece}</code>")
            } else {
                piece.to_owned()
            }
        })
        .collect()
}
