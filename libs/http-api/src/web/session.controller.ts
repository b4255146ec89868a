import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Principal, ROLES } from '@recon/platform';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';

/**
 * Who the presented credentials belong to. The web application signs in by asking this with the key
 * it was given, so a wrong key is refused before any screen is shown, and the screens offer only the
 * actions the caller's roles allow (the API enforces them again on every call).
 */
@ApiTags('session')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('session')
@Roles(...ROLES)
export class SessionController {
  @Get()
  @ApiOperation({ summary: 'The caller: user id and roles' })
  whoAmI(@CurrentPrincipal() principal: Principal) {
    return { user: principal.id, roles: principal.roles, via: principal.via };
  }
}
