// The dependencies of guidepost.js, only the parts Guidepost imports, each used so that nothing is
// shaken out, with the flow schema that drives zod: the floor under Guidepost's own code.
import { h, render } from 'preact';
import { computePosition } from '@floating-ui/core';
import { flip, offset, shift } from '@floating-ui/dom';
import { atom } from 'nanostores';
import { flowSchema } from '../../packages/core/src/flow/flowSchema';

const a = atom(0);
window.floor = [render(h('div', null, 'x'), document.body), computePosition, flip, offset, shift, a.get(), flowSchema().safeParse({})];
