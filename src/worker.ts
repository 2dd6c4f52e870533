import 'reflect-metadata';
import { exitWithReason, main } from './main';

/** Entry point for a process that only runs queue workers. */
main('worker').catch(exitWithReason);
