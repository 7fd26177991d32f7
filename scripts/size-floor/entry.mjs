// The dependencies of guidepost.js, only the parts Guidepost imports, each used so that nothing is
// shaken out: the floor under Guidepost's own code. (zod is not one: the browser checks flows with
// core's checkShape; zod builds the JSON Schema in the CLI.)
import { h, render } from 'preact';
import { computePosition } from '@floating-ui/core';
import { flip, offset, shift } from '@floating-ui/dom';
import { atom } from 'nanostores';

const a = atom(0);
window.floor = [render(h('div', null, 'x'), document.body), computePosition, flip, offset, shift, a.get()];
