import { createContext, useContext } from 'react';
import { Session } from './api';

export const SessionContext = createContext<Session>({ user: '', roles: [] });
export const useSession = () => useContext(SessionContext);
