// The probe the browser tests put at the top of each page's <head>: it
// records errors from the first moment, then, once the page has loaded,
// measures the boxes of a picture page (hovers the last one, steps through
// the story if there is one) and the images of the gallery, and writes
// what it saw into <pre id="probe">.
"use strict";
window.probeErrors = [];
window.addEventListener("error", (event) => probeErrors.push("error: " + event.message));
window.addEventListener("unhandledrejection", (event) => probeErrors.push("rejection: " + event.reason));
document.addEventListener("securitypolicyviolation", (event) =>
    probeErrors.push("refused: " + event.violatedDirective + " " + event.blockedURI));
for (const level of ["error", "warn"]) {
    const original = console[level];
    console[level] = (...parts) => { probeErrors.push("console." + level + ": " + parts.join(" ")); original(...parts); };
}
window.addEventListener("load", () => {
    const lines = [];
    const boxes = Array.from(document.querySelectorAll("#picture g.node"));
    lines.push("boxes " + boxes.length);
    lines.push("drawn " + boxes.filter((box) => {
        const rect = box.getBoundingClientRect();
        return rect.width > 0 && rect.height > 0;
    }).length);
    // Pictures loaded as images (the gallery's): each must have loaded,
    // and be laid out at a size.
    const images = Array.from(document.querySelectorAll("img"));
    lines.push("images " + images.length);
    lines.push("images-drawn " + images.filter((image) => {
        const rect = image.getBoundingClientRect();
        return image.complete && image.naturalWidth > 0 && rect.width > 0 && rect.height > 0;
    }).length);
    const legend = document.querySelector("#picture g.legend");
    lines.push("legend " + (legend ? legend.getBoundingClientRect().width > 0 : false));
    if (boxes.length > 0) {
        const last = boxes[boxes.length - 1];
        last.dispatchEvent(new MouseEvent("mouseenter"));
        const path = document.querySelector("#details dd[data-field='path']");
        lines.push("hover " + last.id + " " + (path ? path.textContent : "(no path)"));
    }
    const controls = document.getElementById("controls");
    if (controls && !controls.hidden) {
        const total = Number(document.getElementById("slider").max);
        const current = () => Array.from(document.querySelectorAll("#picture g.node.current"))
            .map((box) => box.id).join("+") || "-";
        const seen = [];
        for (let step = 0; step < total; step++) {
            document.getElementById("next").click();
            seen.push(current());
        }
        lines.push("steps " + seen.join(" "));
        document.getElementById("previous").click();
        lines.push("back " + current() + " at " + document.body.dataset.position);
        document.getElementById("first").click();
        lines.push("first " + current() + " faded " + document.querySelectorAll("#picture g.node.done").length);
    }
    lines.push("errors " + JSON.stringify(probeErrors));
    const out = document.createElement("pre");
    out.id = "probe";
    out.textContent = lines.join("\n");
    document.body.append(out);
});
